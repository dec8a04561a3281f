package io.tcbill.cli;

import io.tcbill.job.MonthReconciler;
import io.tcbill.load.ReconciliationReport;
import java.io.PrintWriter;
import java.time.YearMonth;
import java.util.List;
import org.springframework.context.ApplicationContext;

/** Prints a month's reconciliation: one line, plus one per customer that does not reconcile. */
final class MonthReconciliationOutput {

    private MonthReconciliationOutput() {
    }

    /**
     * Reconciles and prints the month when a reseller run pulled both its details and its summaries.
     *
     * @return whether the month reconciled (true when there was nothing to reconcile)
     */
    static boolean reconcileIfPulled(YearMonth month, String role, List<String> feeds, ApplicationContext context,
                                     PrintWriter out) {
        if (!"reseller".equals(role) || !feeds.contains("l3") || !feeds.contains("summaries")) {
            return true;
        }
        return print(context.getBean(MonthReconciler.class).reconcile(month), out);
    }

    /** @return whether the month reconciled */
    static boolean print(ReconciliationReport report, PrintWriter out) {
        if (report.reconciled()) {
            out.println("reconcile  " + report.month() + "  OK     " + report.rows().size()
                    + " customers: L3 details match the summary APIs");
        } else {
            out.println("reconcile  " + report.month() + "  UNRECONCILED " + report.problems().size() + " of "
                    + report.rows().size() + " customers:");
            for (ReconciliationReport.Row row : report.problems()) {
                out.println("  customer " + row.customerUin() + ": " + row.status() + ", L3 total " + row.detailTotalCost()
                        + " vs summary " + row.summaryTotalCost() + " (largest difference " + row.maxDifference() + ")");
            }
        }
        out.flush();
        return report.reconciled();
    }
}
