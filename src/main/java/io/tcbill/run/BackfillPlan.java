package io.tcbill.run;

import io.tcbill.feed.FeedCatalog;
import io.tcbill.run.RunHistory;
import io.tcbill.run.RunRecord;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What a backfill will do for each month and feed, decided from the last run and {@code --reprocess}. */
public final class BackfillPlan {

    /** Which months already run are run again: only those never run, also failed or stopped ones, or all. */
    public enum Reprocess { none, failed, all }

    /** One month and feed: whether it runs, and why (or why not). */
    public record Step(YearMonth month, String feed, boolean runs, String why) {
    }

    private BackfillPlan() {
    }

    public static List<Step> of(List<YearMonth> months, List<String> feeds, FeedCatalog catalog, RunHistory history,
                         Reprocess reprocess) {
        List<Step> plan = new ArrayList<>();
        for (YearMonth month : months) {
            for (String feed : feeds) {
                if (month.isBefore(catalog.get(feed).earliestMonth())) {
                    plan.add(new Step(month, feed, false, "skip: the API has no " + feed + " bills before "
                            + catalog.get(feed).earliestMonth()));
                    continue;
                }
                plan.add(step(month, feed, history.last(month, feed, List.of()), reprocess));
            }
        }
        return plan;
    }

    private static Step step(YearMonth month, String feed, RunRecord last, Reprocess reprocess) {
        if (last == null) {
            return new Step(month, feed, true, "run: never run");
        }
        RunRecord.State status = last.state();
        if (last.running()) {
            return new Step(month, feed, false, "skip: running now (execution " + last.executionId() + ")");
        }
        if (status == RunRecord.State.COMPLETED) {
            return reprocess == Reprocess.all
                    ? new Step(month, feed, true, "run again: completed, --reprocess all")
                    : new Step(month, feed, false, "skip: completed (execution " + last.executionId() + ")");
        }
        return reprocess == Reprocess.none
                ? new Step(month, feed, false, "skip: last run " + status + ", --reprocess none")
                : new Step(month, feed, true, "resume: last run " + status + " (execution " + last.executionId() + ")");
    }

    /** The feeds that run, by month, oldest month first (the plan's order). */
    public static Map<YearMonth, List<String>> runsByMonth(List<Step> plan) {
        Map<YearMonth, List<String>> months = new LinkedHashMap<>();
        for (Step step : plan) {
            if (step.runs()) {
                months.computeIfAbsent(step.month(), m -> new ArrayList<>()).add(step.feed());
            }
        }
        return months;
    }
}
