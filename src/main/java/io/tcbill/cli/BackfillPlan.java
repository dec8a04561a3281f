package io.tcbill.cli;

import io.tcbill.feed.FeedCatalog;
import io.tcbill.job.RunHistory;
import java.io.PrintWriter;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;

/** What a backfill will do for each month and feed, decided from the last run and {@code --reprocess}. */
final class BackfillPlan {

    /** One month and feed: whether it runs, and why (or why not). */
    record Step(YearMonth month, String feed, boolean runs, String why) {
    }

    private BackfillPlan() {
    }

    static List<Step> of(List<YearMonth> months, List<String> feeds, FeedCatalog catalog, RunHistory history,
                         BackfillCommand.Reprocess reprocess) {
        List<Step> plan = new ArrayList<>();
        for (YearMonth month : months) {
            for (String feed : feeds) {
                if (!BackfillCommand.applies(catalog.get(feed), month)) {
                    plan.add(new Step(month, feed, false, "skip: the API has no " + feed + " bills before "
                            + catalog.get(feed).earliestMonth()));
                    continue;
                }
                plan.add(step(month, feed, history.lastExecution(month, feed, List.of()), reprocess));
            }
        }
        return plan;
    }

    private static Step step(YearMonth month, String feed, JobExecution last, BackfillCommand.Reprocess reprocess) {
        if (last == null) {
            return new Step(month, feed, true, "run: never run");
        }
        BatchStatus status = last.getStatus();
        if (last.isRunning()) {
            return new Step(month, feed, false, "skip: running now (execution " + last.getId() + ")");
        }
        if (status == BatchStatus.COMPLETED) {
            return reprocess == BackfillCommand.Reprocess.all
                    ? new Step(month, feed, true, "run again: completed, --reprocess all")
                    : new Step(month, feed, false, "skip: completed (execution " + last.getId() + ")");
        }
        return reprocess == BackfillCommand.Reprocess.none
                ? new Step(month, feed, false, "skip: last run " + status + ", --reprocess none")
                : new Step(month, feed, true, "resume: last run " + status + " (execution " + last.getId() + ")");
    }

    /** The feeds that run, by month, oldest month first (the plan's order). */
    static Map<YearMonth, List<String>> runsByMonth(List<Step> plan) {
        Map<YearMonth, List<String>> months = new LinkedHashMap<>();
        for (Step step : plan) {
            if (step.runs()) {
                months.computeIfAbsent(step.month(), m -> new ArrayList<>()).add(step.feed());
            }
        }
        return months;
    }

    static void print(List<Step> plan, int monthCount, PrintWriter out) {
        long runs = plan.stream().filter(Step::runs).count();
        long months = plan.stream().filter(Step::runs).map(Step::month).distinct().count();
        out.println("Backfill plan: " + months + " of " + monthCount + " month(s), " + runs + " run(s)");
        for (Step step : plan) {
            out.printf("  %s %-11s %s%n", step.month(), step.feed(), step.why());
        }
        out.flush();
    }
}
