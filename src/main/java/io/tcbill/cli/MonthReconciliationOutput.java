package io.tcbill.cli;

import io.tcbill.job.FeedRun;
import io.tcbill.job.Reconciliation;
import java.io.PrintWriter;
import java.util.List;

/**
 * Prints where a month's reconciliation stands after the runs of a command: the result of the last run that reconciled
 * it (the job's reconcile step compares the month; nothing is compared here).
 */
final class MonthReconciliationOutput {

    private MonthReconciliationOutput() {
    }

    /**
     * Prints the reconciliation of the last of {@code runs} that reconciled its month, if any.
     *
     * @return false when the month does not reconcile for a customer those runs loaded (exit code 4)
     */
    static boolean print(List<FeedRun> runs, PrintWriter out) {
        Reconciliation last = null;
        for (FeedRun run : runs) {
            if (run.succeeded() && run.reconciliation() != null) {
                last = run.reconciliation();
            }
        }
        return last == null || print(last, out);
    }

    /** @return false when the month does not reconcile for a customer the run loaded */
    static boolean print(Reconciliation reconciliation, PrintWriter out) {
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
        return !reconciliation.failsRun();
    }
}
