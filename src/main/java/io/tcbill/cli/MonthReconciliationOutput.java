package io.tcbill.cli;

import io.tcbill.load.ReconciliationReport;
import java.io.PrintWriter;

/** Prints a month's reconciliation: one line, plus one per customer that does not reconcile. */
final class MonthReconciliationOutput {

    private MonthReconciliationOutput() {
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
