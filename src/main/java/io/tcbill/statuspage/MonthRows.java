package io.tcbill.statuspage;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;

/** The rows of a month's page, each naming its customer (UIN and the name its bill gives, when known). */
final class MonthRows {

    private MonthRows() {
    }

    /**
     * The newest load of one file of the month.
     *
     * @param customerUin null for the own bill, a reseller pack or the partner-wide commission file ({@code coverage})
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record FileRow(String feed, Long customerUin, String customerName, String coverage, String status, long rows,
                   long rejectedRows, String finishedAt, String error) {

        String customer() {
            return Customers.label(customerUin, coverage);
        }

        boolean failed() {
            return !"LOADED".equals(status);
        }
    }

    /**
     * Something that went wrong in the month: a failed run, a failed load or rows set aside, with its customer when it
     * concerns one.
     *
     * @param kind  {@code run failed}, {@code load failed} or {@code rows rejected}
     * @param count how many rows share the reason (rejected rows), else 1
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ErrorRow(String feed, Long customerUin, String customerName, String kind, String reason, long count) {

        String customer() {
            return Customers.label(customerUin, null);
        }
    }

    /** One customer's reconciliation of the month: L3 details against the summaries, amounts in the bill currency. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ReconciliationRow(long customerUin, String customerName, String detailTotalCost, String summaryTotalCost,
                             String maxDifference, String status, String checkedAt) {

        String css() {
            return status.toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    /** What one re-pull changed in a customer's bill ({@code bill_changes}), summed over its products. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ChangeRow(String feed, Long customerUin, String customerName, String currency, long products,
                     String totalCostDifference, String replacedAt) {

        String customer() {
            return Customers.label(customerUin, null);
        }
    }

    /** A month's total cost in one currency, from the L3 details. */
    record TrendPoint(String month, String currency, String totalCost) {
    }

    /** An amount as text: exact, with at least two decimals ({@code 12.50}, {@code 0.00000001}). */
    static String amount(BigDecimal value) {
        if (value == null) {
            return null;
        }
        BigDecimal plain = value.stripTrailingZeros();
        return (plain.scale() < 2 ? plain.setScale(2) : plain).toPlainString();
    }

    /** How the page names a customer column's value. */
    static final class Customers {

        private Customers() {
        }

        static String label(Long customerUin, String coverage) {
            if (customerUin != null) {
                return customerUin.toString();
            }
            return "pack".equals(coverage) ? "all customers (pack)" : "own bill / partner-wide";
        }
    }
}
