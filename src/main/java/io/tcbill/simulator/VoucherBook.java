package io.tcbill.simulator;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The customers' vouchers and their monthly usage, deterministic from the seed and generated only when asked for:
 * every third customer with bills (the 1st, 4th, 7th, ...) holds one to three vouchers, valid for two to four years
 * from a month between 2022-06 and 2024-06; each voucher has 0 to 250 usage records in each month of its validity.
 * Amounts have two decimals, so the JSON floats the API answers carry them exactly.
 */
final class VoucherBook {

    /** A voucher as {@code DescribeCustomerVoucherList} lists it. */
    record Voucher(long voucherId, long customerUin, String status, BigDecimal totalAmount, BigDecimal remainingAmount,
                   String usage, String paymentMode, String productScope, LocalDateTime effectiveTime,
                   LocalDateTime expireTime, String applyReason) {

        boolean validIn(YearMonth month) {
            return !month.isBefore(YearMonth.from(effectiveTime)) && !month.isAfter(YearMonth.from(expireTime));
        }
    }

    /** One usage record ({@code UsageDetail}) of a voucher. */
    record Usage(long id, String dealName, String billId, BigDecimal amount, String payMode,
                 ChargeRowGenerator.Product product, LocalDateTime payTime, LocalDateTime completionTime) {
    }

    private static final long VOUCHER_SALT = 0x766F75636865L;
    private static final YearMonth FIRST_EFFECTIVE = BillMonths.EARLIEST_DETAIL;

    private final long seed;
    private final Map<Long, Integer> billedIndex = new HashMap<>();
    private final List<Long> billedCustomers;
    private final Map<Long, List<Voucher>> byCustomer = new ConcurrentHashMap<>();

    VoucherBook(long seed, List<Long> billedCustomers) {
        this.seed = seed;
        this.billedCustomers = billedCustomers;
        for (int i = 0; i < billedCustomers.size(); i++) {
            billedIndex.put(billedCustomers.get(i), i);
        }
    }

    /** The vouchers of a customer, none for an empty or unknown one. */
    List<Voucher> of(long customerUin) {
        Integer index = billedIndex.get(customerUin);
        if (index == null || index % 3 != 0) {
            return List.of();
        }
        return byCustomer.computeIfAbsent(customerUin, this::generate);
    }

    /** Every customer's vouchers, customer by customer in {@code DescribeCustomerUin} order. */
    List<Voucher> all() {
        List<Voucher> all = new ArrayList<>();
        billedCustomers.forEach(uin -> all.addAll(of(uin)));
        return all;
    }

    /** How many usage records the voucher has in the month (0 outside its validity). */
    int usageCount(Voucher voucher, YearMonth month) {
        return voucher.validIn(month) ? usageRandom(voucher, month).nextInt(251) : 0;
    }

    /** The voucher's usage records in the month, oldest id first. */
    List<Usage> usage(Voucher voucher, YearMonth month) {
        if (!voucher.validIn(month)) {
            return List.of();
        }
        SplittableRandom random = usageRandom(voucher, month);
        int count = random.nextInt(251);
        long monthNumber = month.getYear() * 100L + month.getMonthValue();
        List<Usage> usage = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            usage.add(record(random, voucher, month, voucher.voucherId() * 1_000_000_000L + monthNumber * 1_000 + i));
        }
        return usage;
    }

    private static Usage record(SplittableRandom random, Voucher voucher, YearMonth month, long id) {
        List<ChargeRowGenerator.Product> products = ChargeRowGenerator.PRODUCTS;
        ChargeRowGenerator.Product product = products.get(random.nextInt(products.size()));
        String payMode = switch (voucher.paymentMode()) {
            case "Prepaid" -> "prePay";
            case "Postpaid" -> "postPay";
            default -> random.nextBoolean() ? "prePay" : "postPay";
        };
        LocalDateTime payTime = month.atDay(1).atStartOfDay().plusSeconds(random.nextLong(month.lengthOfMonth() * 86_400L));
        LocalDateTime completion = payTime.plusSeconds(random.nextLong(1, 120));
        LocalDateTime monthEnd = month.atEndOfMonth().atTime(23, 59, 59);
        String dealName = payTime.format(DateTimeFormatter.BASIC_ISO_DATE) + String.format("%012d", random.nextLong(1_000_000_000_000L));
        String billId = "B" + month.format(DateTimeFormatter.ofPattern("yyyyMM")) + String.format("%010d", random.nextLong(10_000_000_000L));
        return new Usage(id, dealName, billId, BigDecimal.valueOf(random.nextLong(1, 5_001), 2), payMode, product, payTime,
                completion.isAfter(monthEnd) ? monthEnd : completion);
    }

    private List<Voucher> generate(long customerUin) {
        SplittableRandom random = new SplittableRandom(Seeds.mix(seed, VOUCHER_SALT ^ customerUin));
        int count = 1 + random.nextInt(3);
        List<Voucher> vouchers = new ArrayList<>(count);
        for (int k = 0; k < count; k++) {
            long id = random.nextLong(100_000_000L, 1_000_000_000L);
            boolean used = random.nextInt(10) < 3;
            BigDecimal total = BigDecimal.valueOf(random.nextLong(100, 5_001) * 100, 2);
            BigDecimal remaining = used ? BigDecimal.ZERO.setScale(2)
                    : total.multiply(BigDecimal.valueOf(random.nextInt(1, 100), 2)).setScale(2, RoundingMode.DOWN);
            YearMonth first = FIRST_EFFECTIVE.plusMonths(random.nextInt(25));
            YearMonth last = first.plusMonths(23 + random.nextInt(25));
            boolean trial = random.nextBoolean();
            vouchers.add(new Voucher(id, customerUin, used ? "Used" : "Issued", total, remaining,
                    trial ? "ProductTrial" : "CustomerOffer",
                    List.of("AllPayment", "Prepaid", "Postpaid").get(random.nextInt(3)),
                    random.nextInt(4) == 0 ? "SpecifyProducts" : "AllProducts",
                    first.atDay(1).atStartOfDay(), last.atEndOfMonth().atTime(23, 59, 59),
                    trial ? "Product trial for a new workload" : "Customer onboarding offer"));
        }
        return List.copyOf(vouchers);
    }

    private SplittableRandom usageRandom(Voucher voucher, YearMonth month) {
        return new SplittableRandom(Seeds.mix(seed, voucher.voucherId() * 10_000L + month.getYear() * 12L + month.getMonthValue()));
    }
}
