package io.tcbill.statuspage;

import io.tcbill.run.MonthStatus;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The month × feed grid: the last {@value #MONTHS} months, newest first, ending at the previous month or at the newest
 * month that ran if later; a column per default feed of the role, then any other feed that ran in those months.
 *
 * @param generatedAt when the page read the history, ISO-8601 with the offset
 */
record Grid(String generatedAt, List<String> feeds, List<GridMonth> months) {

    static final int MONTHS = 24;

    /** From {@code status}'s lines (every month with a run, newest first). */
    static Grid of(List<MonthStatus> lines, List<String> defaultFeeds, OffsetDateTime now) {
        YearMonth newest = YearMonth.from(now).minusMonths(1);
        for (MonthStatus line : lines) {
            YearMonth month = YearMonth.parse(line.month());
            newest = month.isAfter(newest) ? month : newest;
        }
        YearMonth oldest = newest.minusMonths(MONTHS - 1);
        Map<String, Map<String, MonthStatus>> byMonth = new LinkedHashMap<>();
        Set<String> feeds = new LinkedHashSet<>(defaultFeeds);
        Map<String, String> reconciliation = new LinkedHashMap<>();
        for (MonthStatus line : lines) {
            YearMonth month = YearMonth.parse(line.month());
            if (!month.isBefore(oldest)) {
                byMonth.computeIfAbsent(line.month(), m -> new LinkedHashMap<>()).put(line.feed(), line);
                feeds.add(line.feed());
                if (line.reconciliation() != null) {
                    reconciliation.put(line.month(), line.reconciliation());
                }
            }
        }
        List<GridMonth> months = new ArrayList<>();
        for (YearMonth month = newest; !month.isBefore(oldest); month = month.minusMonths(1)) {
            Map<String, MonthStatus> ran = byMonth.getOrDefault(month.toString(), Map.of());
            List<GridCell> cells = feeds.stream()
                    .map(feed -> ran.containsKey(feed) ? GridCell.of(ran.get(feed), now) : GridCell.none(feed)).toList();
            months.add(new GridMonth(month.toString(), reconciliation.get(month.toString()), cells));
        }
        return new Grid(now.withNano(0).toString(), List.copyOf(feeds), months);
    }

    String title() {
        return "tcbill status";
    }

    String jsonPath() {
        return StatusPage.ROOT + "/api/grid";
    }
}
