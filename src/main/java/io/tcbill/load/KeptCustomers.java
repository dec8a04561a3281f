package io.tcbill.load;

import java.time.YearMonth;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The published rows a load kept because no loaded file covers them. A whole-month run replaces only the customers whose
 * files it loaded; a customer with published rows but no file in the run (no longer listed, say) keeps them, and one WARN
 * line names it. Customers whose file failed are reported as failures, not here.
 */
final class KeptCustomers {

    private static final Logger log = LoggerFactory.getLogger(KeptCustomers.class);

    /** Customer UIN (null: the own bill) → table → rows kept. */
    private final Map<Long, Map<String, Long>> rows = new TreeMap<>(Comparator.nullsFirst(Comparator.naturalOrder()));

    void add(String table, Map<Long, Long> kept) {
        kept.forEach((uin, count) -> rows.computeIfAbsent(uin, u -> new LinkedHashMap<>()).put(table, count));
    }

    /** Logs the customers kept that had no file among {@code attempts} at all. */
    void warnWithoutFile(String feed, YearMonth month, List<Attempt> attempts) {
        Set<Long> requested = new HashSet<>();
        boolean own = false;
        for (Attempt attempt : attempts) {
            requested.add(attempt.lineage().customerUin());
            own |= attempt.lineage().customerUin() == null && !attempt.lineage().pack();
        }
        boolean ownRequested = own;
        String names = rows.entrySet().stream()
                .filter(e -> e.getKey() == null ? !ownRequested : !requested.contains(e.getKey()))
                .map(e -> (e.getKey() == null ? "the own bill" : "customer " + e.getKey()) + " ("
                        + e.getValue().entrySet().stream().map(t -> t.getValue() + " rows of " + t.getKey())
                        .collect(Collectors.joining(", ")) + ")")
                .collect(Collectors.joining(", "));
        if (!names.isEmpty()) {
            log.warn("{} {}: kept the published rows of {}, which had no file in this run; a customer's rows are replaced"
                    + " only by a file of that customer (run it with --customer to reload it)", feed, month, names);
        }
    }
}
