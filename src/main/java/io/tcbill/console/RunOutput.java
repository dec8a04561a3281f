package io.tcbill.console;

import io.tcbill.run.BackfillPlan;
import io.tcbill.run.FeedRun;
import io.tcbill.run.MonthOutcome;
import io.tcbill.run.MonthPull;
import io.tcbill.run.Reconciliation;
import io.tcbill.run.RunProgress;
import java.io.PrintWriter;
import java.time.YearMonth;
import java.util.List;

/**
 * What {@code run}, {@code backfill} and {@code demo} print while a month is pulled: a line per feed as it ends (after
 * its progress bar, if one is drawn), a note per default feed left out, and where the month's reconciliation stands
 * (the job's reconcile step compares the month; nothing is compared here).
 */
public final class RunOutput implements MonthPull.Listener {

    private final PrintWriter out;
    private final PrintWriter err;
    private final ProgressBars bars;

    /** {@code bars} null: no progress bar. */
    public RunOutput(PrintWriter out, PrintWriter err, ProgressBars bars) {
        this.out = out;
        this.err = err;
        this.bars = bars;
    }

    public PrintWriter out() {
        return out;
    }

    public PrintWriter err() {
        return err;
    }

    /** Whether a progress bar is drawn (the INFO log lines are then left out). */
    public boolean drawsBars() {
        return bars != null;
    }

    @Override
    public RunProgress progress() {
        return bars == null ? RunProgress.NONE : bars;
    }

    @Override
    public void feedSkipped(String feed, YearMonth month, YearMonth earliest) {
        err.println("note: " + feed + " is skipped for " + month + ": the Partner API has " + feed
                + " bills from " + earliest + " on");
    }

    @Override
    public void feedEnded(FeedRun run) {
        if (bars != null) {
            bars.finish();
        }
        out.println(line(run));
        out.flush();
    }

    /** The pull was stopped by SIGTERM or Ctrl-C: what ran is STOPPED and the next run resumes it. */
    public void stopped() {
        err.println("tcbill: stopped by a shutdown signal; run the month again to resume it");
        err.flush();
    }

    /** Prints where the month's reconciliation stands, if a run of the pull reconciled it. */
    public void reconciliation(MonthOutcome outcome) {
        Reconciliation reconciliation = outcome.reconciliation();
        if (reconciliation != null) {
            print(reconciliation, out);
        }
    }

    /** A backfill's plan: how many months and runs, then each month and feed with what it does and why. */
    public void plan(List<BackfillPlan.Step> plan, int monthCount) {
        long runs = plan.stream().filter(BackfillPlan.Step::runs).count();
        long months = plan.stream().filter(BackfillPlan.Step::runs).map(BackfillPlan.Step::month).distinct().count();
        out.println("Backfill plan: " + months + " of " + monthCount + " month(s), " + runs + " run(s)");
        for (BackfillPlan.Step step : plan) {
            out.printf("  %s %-11s %s%n", step.month(), step.feed(), step.why());
        }
        out.flush();
    }

    static String line(FeedRun run) {
        String state = run.state();
        String detail = run.succeeded() ? run.rows() + " rows" : run.reason();
        return String.format("%-10s %s  %-6s %s (execution %d)", run.feed(), run.month(), state, detail, run.executionId())
                + (run.restated() == null ? "" : System.lineSeparator() + "  " + run.restated());
    }

    private static void print(Reconciliation reconciliation, PrintWriter out) {
        switch (reconciliation.state()) {
            case RECONCILED -> out.println("reconcile  " + reconciliation.month() + "  OK     " + reconciliation.summary());
            case WAITING -> out.println("reconcile  " + reconciliation.month() + "  -      " + reconciliation.summary());
            case UNRECONCILED -> {
                out.println("reconcile  " + reconciliation.month() + "  UNRECONCILED " + reconciliation.summary());
                reconciliation.problems().forEach(line -> out.println("  " + line));
                long more = reconciliation.unreconciled() - reconciliation.problems().size();
                if (more > 0) {
                    out.println("  ... and " + more + " more customers (see the reconciliation view)");
                }
                out.println(reconciliation.failsRun() ? "  the data is published as sent; pull l3 and summaries of "
                        + reconciliation.month() + " again once it is corrected (tcbill run --month " + reconciliation.month()
                        + " --feed l3,summaries)" : "  none of them was loaded by this --customer run, so it does not fail for them");
            }
        }
        out.flush();
    }
}
