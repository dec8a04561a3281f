package io.tcbill.simulator;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The three summaries of one customer's L3 file for a month, computed in one pass over the generated rows (not by
 * parsing CSV text): by region, by product (business code) and by pay mode with the action types below each. Every
 * amount is the exact sum of the file's {@code OriginalCost}, {@code Voucher Deduction} and
 * {@code Total Cost (Including Tax)}, so a client can reconcile the summaries against the file to the last decimal.
 */
final class CustomerSummary {

    /** One summary item: a code and its display name, three sums, and for a pay mode the action-type items below it. */
    static final class Group {
        private final String code;
        private final String name;
        private BigDecimal originalCost = BigDecimal.ZERO;
        private BigDecimal voucherPayAmount = BigDecimal.ZERO;
        private BigDecimal totalCost = BigDecimal.ZERO;
        private final Map<String, Group> detail = new TreeMap<>();

        Group(String code, String name) {
            this.code = code;
            this.name = name;
        }

        String code() {
            return code;
        }

        String name() {
            return name;
        }

        BigDecimal originalCost() {
            return originalCost;
        }

        BigDecimal voucherPayAmount() {
            return voucherPayAmount;
        }

        BigDecimal totalCost() {
            return totalCost;
        }

        /** The action-type items of a pay mode, ordered by action type. */
        List<Group> detail() {
            return List.copyOf(detail.values());
        }

        private void add(BigDecimal original, BigDecimal voucher, BigDecimal total) {
            originalCost = originalCost.add(original);
            voucherPayAmount = voucherPayAmount.add(voucher);
            totalCost = totalCost.add(total);
        }
    }

    private final Group overall = new Group("", "");
    private final Map<String, Group> byRegion = new TreeMap<>();
    private final Map<String, Group> byProduct = new TreeMap<>();
    private final Map<String, Group> byPayMode = new TreeMap<>();

    private CustomerSummary() {
    }

    /** Generates the rows of the L3 file once and sums them; an empty customer has no items. */
    static CustomerSummary of(BillData data, BillFile l3) {
        CustomerSummary summary = new CustomerSummary();
        data.forEachRow(l3, summary::add);
        return summary;
    }

    Group overall() {
        return overall;
    }

    /** Items ordered by region id ({@code ap-hongkong}, {@code ap-singapore}, ...). */
    List<Group> byRegion() {
        return List.copyOf(byRegion.values());
    }

    /** Items ordered by business code ({@code p_cdb}, {@code p_cvm}, ...); the name is the English product name. */
    List<Group> byProduct() {
        return List.copyOf(byProduct.values());
    }

    /** Items ordered by pay mode ({@code postPay}, {@code prePay}). */
    List<Group> byPayMode() {
        return List.copyOf(byPayMode.values());
    }

    private void add(FileMapping.Row row) {
        BigDecimal original = new BigDecimal(row.get("original_cost"));
        BigDecimal voucher = new BigDecimal(row.get("voucher_deduction"));
        BigDecimal total = new BigDecimal(row.get("total_cost"));
        ChargeRowGenerator.Region region = ChargeRowGenerator.regionNamed(row.get("region"));
        ChargeRowGenerator.Product product = ChargeRowGenerator.productNamed(row.get("product_name"));
        String billingMode = row.get("billing_mode");
        String transactionType = row.get("transaction_type");

        overall.add(original, voucher, total);
        group(byRegion, region.id(), region.name()).add(original, voucher, total);
        group(byProduct, product.code(), product.name()).add(original, voucher, total);
        Group payMode = switch (billingMode) {
            case "Monthly Subscription" -> group(byPayMode, "prePay", "Monthly Subscription");
            case "Pay-as-you-go" -> group(byPayMode, "postPay", "Pay-as-you-go");
            default -> throw new IllegalStateException("no pay mode for billing mode '" + billingMode + "'");
        };
        payMode.add(original, voucher, total);
        Group action = switch (transactionType) {
            case "Purchase" -> group(payMode.detail, "prepay_purchase", "Purchase");
            case "Renewal" -> group(payMode.detail, "prepay_renew", "Renewal");
            case "Refund" -> group(payMode.detail, "prepay_return", "Monthly subscription refund");
            case "Hourly settlement" -> group(payMode.detail, "postpay_deduct_h", "Hourly settlement");
            default -> throw new IllegalStateException("no action type for transaction type '" + transactionType + "'");
        };
        action.add(original, voucher, total);
    }

    private static Group group(Map<String, Group> groups, String code, String name) {
        return groups.computeIfAbsent(code, c -> new Group(c, name));
    }
}
