package io.tcbill.load;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.List;

/**
 * The reconciliation of one month: per customer, the L3 detail totals (and L2's, when loaded) against the pay-mode
 * summary totals.
 *
 * @param rows one per customer, by customer UIN
 */
public record ReconciliationReport(YearMonth month, List<Row> rows) {

    public static final String RECONCILED = "RECONCILED";
    /** The status every row of a month gets when one side was loaded again after the month was reconciled. */
    public static final String STALE = "STALE";

    public ReconciliationReport {
        rows = List.copyOf(rows);
    }

    /** The rows that are not {@code RECONCILED}. */
    public List<Row> problems() {
        return rows.stream().filter(row -> !RECONCILED.equals(row.status())).toList();
    }

    public boolean reconciled() {
        return problems().isEmpty();
    }

    /**
     * One customer's month.
     *
     * @param maxDifference the largest absolute difference of original cost, voucher amount and total cost
     * @param status        RECONCILED | UNRECONCILED | MISSING_DETAIL | MISSING_SUMMARY | L2_UNRECONCILED
     * @param l2            the L2 side; null when the month's L2 was not published
     */
    public record Row(long customerUin, BigDecimal detailTotalCost, BigDecimal summaryTotalCost, BigDecimal maxDifference,
                      String status, L2 l2) {

        public Row(long customerUin, BigDecimal detailTotalCost, BigDecimal summaryTotalCost, BigDecimal maxDifference,
                   String status) {
            this(customerUin, detailTotalCost, summaryTotalCost, maxDifference, status, null);
        }
    }

    /**
     * A customer's L2 month against the summary.
     *
     * @param difference the largest absolute difference of the three L2 sums against the summary's
     * @param tolerance  the reconcile tolerance plus the per-row rounding allowance times {@code rows}
     */
    public record L2(BigDecimal totalCost, long rows, BigDecimal difference, BigDecimal tolerance) {
    }
}
