package io.tcbill.simulator;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.YearMonth;
import java.util.List;
import java.util.SplittableRandom;

/** Rows of the commission file: one commissionable transaction of a billed customer each, refunds negative. */
final class CommissionRowGenerator extends CsvRowGenerator {

    private static final List<String> PRODUCTS = List.of("Cloud Virtual Machine", "云服务器", "TencentDB for MySQL",
            "Cloud Object Storage", "Content Delivery Network");
    private static final List<String> RATES = List.of("0.05", "0.08", "0.1");

    private final long resellerUin;
    private final List<Long> customers;

    CommissionRowGenerator(SplittableRandom random, YearMonth month, long resellerUin, List<Long> billedCustomers) {
        super(random, month);
        this.resellerUin = resellerUin;
        this.customers = billedCustomers.isEmpty() ? List.of(resellerUin) : billedCustomers;
    }

    @Override
    void fill(FileMapping.Row row, long index) {
        long customer = pick(customers);
        boolean refund = chance(0.05);
        BigDecimal base = amount(5_000, 2);
        BigDecimal commissionable = refund ? base.negate() : base;
        BigDecimal rate = new BigDecimal(pick(RATES));
        BigDecimal commission = commissionable.multiply(rate).setScale(2, RoundingMode.HALF_UP);
        row.put("commission_month", month.toString())
                .put("reseller_account_id", resellerUin)
                .put("customer_account_id", customer)
                .put("customer_name", customerName(customer))
                .put("product_name", pick(PRODUCTS))
                .put("subproduct_name", "Standard")
                .put("billing_mode", refund ? "Monthly Subscription" : pick(List.of("Monthly Subscription", "Pay-as-you-go")))
                .put("transaction_type", refund ? "Refund" : "Purchase")
                .put("transaction_id", transactionId(customer, index))
                .put("transaction_time", TIMESTAMP.format(timeInMonth()))
                .put("commissionable_amount", commissionable.toPlainString())
                .put("commission_rate", rate.toPlainString())
                .put("commission_amount", commission.toPlainString())
                .put("currency", CURRENCY);
    }
}
