package io.tcbill.run;

import java.time.YearMonth;
import java.util.List;

/**
 * What pulling a month came to: one {@link FeedRun} per feed that ran, in order, and whether a shutdown stopped the
 * pull before its last feed.
 */
public record MonthOutcome(YearMonth month, List<FeedRun> runs, boolean stopped) {

    /** How a pull ended, from worst to best as a caller reports it; the CLI maps it to its exit codes. */
    public enum Verdict {
        /** A shutdown signal stopped the pull; the next run resumes it. */
        STOPPED,
        /** A feed failed or did not finish; its run says why. */
        FAILED,
        /** Every feed ran, but the month does not reconcile for a customer the pull loaded. */
        UNRECONCILED,
        OK
    }

    public MonthOutcome {
        runs = List.copyOf(runs);
    }

    /** Whether every feed that ran succeeded. */
    public boolean allSucceeded() {
        return runs.stream().allMatch(FeedRun::succeeded);
    }

    /**
     * Where the month's reconciliation stands after the pull: the result of the last succeeded run that reconciled it,
     * or null when none did (no l3 or summaries run of a reseller completed).
     */
    public Reconciliation reconciliation() {
        Reconciliation last = null;
        for (FeedRun run : runs) {
            if (run.succeeded() && run.reconciliation() != null) {
                last = run.reconciliation();
            }
        }
        return last;
    }

    /** False when the month does not reconcile for a customer the pull loaded. */
    public boolean reconciled() {
        Reconciliation reconciliation = reconciliation();
        return reconciliation == null || !reconciliation.failsRun();
    }

    public Verdict verdict() {
        if (stopped || runs.stream().anyMatch(FeedRun::stopped)) {
            return Verdict.STOPPED;
        }
        if (!allSucceeded()) {
            return Verdict.FAILED;
        }
        return reconciled() ? Verdict.OK : Verdict.UNRECONCILED;
    }
}
