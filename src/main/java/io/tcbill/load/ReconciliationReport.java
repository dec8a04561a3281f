package io.tcbill.load;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.List;

/**
 * The reconciliation of one month: per customer, the L3 detail totals against the pay-mode summary totals.
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
     * @param status        RECONCILED | UNRECONCILED | MISSING_DETAIL | MISSING_SUMMARY
     */
    public record Row(long customerUin, BigDecimal detailTotalCost, BigDecimal summaryTotalCost, BigDecimal maxDifference,
                      String status) {
    }
}
