package io.tcbill.run;

import io.tcbill.feed.FeedCatalog;
import io.tcbill.feed.Role;
import io.tcbill.load.CuratedFacts;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The lines of {@code status}: for each shown month (every month with a run; with {@code --month}, that month even if
 * nothing ran) its last run of each feed, and a {@link MonthStatus#NOT_RUN} line for each default feed of the role that
 * has bills for the month and never ran, so that a feed forgotten is seen.
 *
 * <p>Spring Batch keeps times as a date and time without zone, in the zone of the JVM that wrote them; status shows
 * them with the offset of {@code zone}, this JVM's, assuming the runs were written in the same zone (one machine, or
 * hosts sharing a database set to one zone).
 */
public final class StatusReport {

    private static final DateTimeFormatter ISO_WITH_OFFSET = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssxxx");

    private final FeedCatalog catalog;
    private final Role role;
    private final CuratedFacts facts;
    private final ZoneId zone;

    public StatusReport(FeedCatalog catalog, Role role, CuratedFacts facts, ZoneId zone) {
        this.catalog = catalog;
        this.role = role;
        this.facts = facts;
        this.zone = zone;
    }

    /**
     * The lines for {@code runs} (the newest of each month and feed), newest month first, feeds by name; {@code month}
     * non-null shows that month alone; {@code rawKeys} non-null adds each run's raw object keys.
     */
    public List<MonthStatus> lines(List<RunRecord> runs, YearMonth month, Function<RunRecord, List<String>> rawKeys) {
        Map<YearMonth, Map<String, MonthStatus>> months = new TreeMap<>(Comparator.reverseOrder());
        if (month != null) {
            months.put(month, new TreeMap<>());
        }
        for (RunRecord run : runs) {
            if (month == null || month.equals(run.month())) {
                months.computeIfAbsent(run.month(), m -> new TreeMap<>())
                        .put(run.feed(), ran(run, rawKeys == null ? null : rawKeys.apply(run)));
            }
        }
        List<MonthStatus> lines = new ArrayList<>();
        months.forEach((shown, feeds) -> {
            for (String feed : catalog.namesFor(role)) {
                if (!shown.isBefore(catalog.get(feed).earliestMonth()) && !feeds.containsKey(feed)) {
                    feeds.put(feed, notRun(shown, feed));
                }
            }
            lines.addAll(feeds.values());
        });
        return lines;
    }

    private MonthStatus ran(RunRecord run, List<String> rawKeys) {
        return new MonthStatus(run.month().toString(), run.feed(), run.scope(), run.executionId(), run.attempt(),
                run.state().name(), time(run.started()), time(run.ended()), run.rows(),
                facts.rejected.get(run.month() + "/" + run.feed()), facts.reconciliation.get(run.month()), run.reason(),
                null, rawKeys, run.restated());
    }

    private static MonthStatus notRun(YearMonth month, String feed) {
        return new MonthStatus(month.toString(), feed, "all", null, null, MonthStatus.NOT_RUN, null, null, null, null,
                null, null, "tcbill run --month " + month + " --feed " + feed, null);
    }

    private String time(LocalDateTime time) {
        return time == null ? null : time.truncatedTo(ChronoUnit.SECONDS).atZone(zone).format(ISO_WITH_OFFSET);
    }
}
