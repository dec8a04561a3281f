package io.tcbill.load;

import io.tcbill.feed.Feed;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A pack replaces every customer's rows of the month, so every customer is accounted for before it is published: one
 * with rows published for the month but none in the pack fails the pack (a lost entry would otherwise empty it without
 * a word). Against the month's customer list ({@code customer_month}, written when the run listed the customers):
 * listed customers with no rows before or now are counted (INFO), and rows of customers the list lacks are named (WARN).
 */
final class PackCustomers {

    private static final Logger log = LoggerFactory.getLogger(PackCustomers.class);

    private final Connection connection;
    private final CuratedLayout layout;
    private final Feed feed;
    private final YearMonth month;

    PackCustomers(Connection connection, CuratedLayout layout, Feed feed, YearMonth month) {
        this.connection = connection;
        this.layout = layout;
        this.feed = feed;
        this.month = month;
    }

    /** Fails every publishable pack of {@code attempts} when together they lack a customer with published rows. */
    void check(List<Attempt> attempts) throws SQLException {
        List<Attempt> packs = attempts.stream().filter(a -> a.lineage().pack() && a.publishable()).toList();
        List<StagedFile> files = packs.stream().flatMap(a -> a.staged().stream())
                .filter(f -> f.table().equals(feed.table())).toList();
        if (files.isEmpty()) {
            return;
        }
        Set<Long> inPack = uins(files.stream().map(f -> "SELECT DISTINCT customer_uin FROM (" + f.select() + ")")
                .collect(Collectors.joining(" UNION ")));
        Map<Long, Long> published = published(layout.monthFile(feed.table(), month));
        Map<Long, Long> missing = new LinkedHashMap<>(published);
        missing.keySet().removeAll(inPack);
        if (!missing.isEmpty()) {
            String message = "pack " + packs.stream().map(a -> a.lineage().sourceKey()).collect(Collectors.joining(", "))
                    + " has no rows for " + missing.entrySet().stream().map(e -> "customer " + e.getKey() + " (" + e.getValue()
                    + " rows published)").collect(Collectors.joining(", ")) + " of " + feed.table() + " " + month
                    + "; publishing it would empty them, so nothing of the pack is published: check the pack for a lost"
                    + " entry and pull the month again, or, if they truly have no bill this month, load their own files"
                    + " (tcbill.job.reseller-bills=files)";
            packs.forEach(a -> a.fail(message));
            return;
        }
        Path list = layout.monthFile("customer_month", month);
        if (Files.exists(list)) {
            compareWithList(inPack, published.keySet(), uins("SELECT DISTINCT customer_uin FROM "
                    + CuratedLayout.read(list) + " WHERE customer_uin IS NOT NULL"));
        }
    }

    private void compareWithList(Set<Long> inPack, Set<Long> published, Set<Long> listed) {
        Set<Long> unlisted = new TreeSet<>(inPack);
        unlisted.removeAll(listed);
        if (!unlisted.isEmpty()) {
            log.warn("{} {}: the pack holds rows of {} customer(s) the month's customer list lacks: {}; they are loaded",
                    feed.name(), month, unlisted.size(), unlisted);
        }
        Set<Long> quiet = new TreeSet<>(listed);
        quiet.removeAll(inPack);
        quiet.removeAll(published);
        if (!quiet.isEmpty()) {
            log.info("{} {}: {} listed customer(s) have no rows in the pack (nor before)", feed.name(), month, quiet.size());
        }
    }

    private Map<Long, Long> published(Path current) throws SQLException {
        Map<Long, Long> rows = new LinkedHashMap<>();
        if (Files.exists(current)) {
            for (List<String> row : Sql.query(connection, "SELECT customer_uin, count(*) FROM " + CuratedLayout.read(current)
                    + " WHERE customer_uin IS NOT NULL GROUP BY 1 ORDER BY 1")) {
                rows.put(Long.valueOf(row.get(0)), Long.valueOf(row.get(1)));
            }
        }
        return rows;
    }

    private Set<Long> uins(String select) throws SQLException {
        Set<Long> uins = new TreeSet<>();
        for (List<String> row : Sql.query(connection, select)) {
            if (row.get(0) != null) {
                uins.add(Long.valueOf(row.get(0)));
            }
        }
        return uins;
    }
}
