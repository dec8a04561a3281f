package io.tcbill.simulator;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Produces the rows of one file, one after the other, from a random stream seeded by the file itself, so the same
 * seed always gives the same bytes and no file is ever held in memory.
 */
abstract class CsvRowGenerator {

    static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    static final String CURRENCY = "USD";
    /** A value that needs RFC 4180 quoting: a comma, quotes and a line break. */
    static final String AWKWARD_NAME = "web, \"prod\"\nline2";

    private static final List<String> CUSTOMER_NAMES = List.of("Example Trading Pte. Ltd.", "深圳示例科技有限公司",
            "Acme Analytics, Inc.", "Nordic Games AB", "上海云端数据有限公司", "Blue Harbour Logistics");

    final SplittableRandom random;
    final YearMonth month;

    CsvRowGenerator(SplittableRandom random, YearMonth month) {
        this.random = random;
        this.month = month;
    }

    /** The generator of an L3 or commission file: seeded from the configured seed and the file's key (L2: {@link InstanceRowGenerator}). */
    static CsvRowGenerator of(BillFile file, long seed, SimulatedAccounts accounts) {
        SplittableRandom random = new SplittableRandom(Seeds.mix(seed, file.key().hashCode()));
        Long customer = file.customerUin();
        return switch (file.feed()) {
            case BillFile.L3 -> new ChargeRowGenerator(random, file.month(), customer == null ? accounts.ownUin : customer,
                    customer == null ? null : accounts.resellerOf(customer));
            case BillFile.COMMISSION -> new CommissionRowGenerator(random, file.month(), accounts.ownUin, accounts.billedCustomers);
            default -> throw new IllegalArgumentException("no row generator of its own for " + file.key());
        };
    }

    /** Fills {@code row} (already cleared) with the values of row number {@code index} (0-based). */
    abstract void fill(FileMapping.Row row, long index);

    static String customerName(long uin) {
        return CUSTOMER_NAMES.get((int) Math.floorMod(uin, (long) CUSTOMER_NAMES.size()));
    }

    <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    boolean chance(double probability) {
        return random.nextDouble() < probability;
    }

    /** A positive amount below {@code max} with {@code scale} decimals. */
    BigDecimal amount(long max, int scale) {
        long unscaledMax = BigDecimal.valueOf(max).movePointRight(scale).longValueExact();
        return BigDecimal.valueOf(random.nextLong(1, unscaledMax), scale);
    }

    LocalDateTime timeInMonth() {
        long seconds = random.nextLong(month.lengthOfMonth() * 86_400L);
        return month.atDay(1).atStartOfDay().plusSeconds(seconds);
    }

    LocalDateTime endOfMonth() {
        return month.atEndOfMonth().atTime(23, 59, 59);
    }

    /** Same-month end of a usage period that starts at {@code start} and lasts {@code hours}. */
    LocalDateTime usageEnd(LocalDateTime start, long hours) {
        LocalDateTime end = start.plusHours(hours).minusSeconds(1);
        return end.isAfter(endOfMonth()) ? endOfMonth() : end;
    }

    /** An 18-digit transaction id: month, last four digits of the owner UIN, row number. */
    String transactionId(long ownerUin, long index) {
        String uin = Long.toString(10_000L + Math.floorMod(ownerUin, 10_000L)).substring(1);
        String row = Long.toString(index);
        return month.getYear() + (month.getMonthValue() < 10 ? "0" : "") + month.getMonthValue() + uin
                + "0".repeat(Math.max(0, 8 - row.length())) + row;
    }

    static String money(BigDecimal value, int scale) {
        return value.setScale(scale, RoundingMode.HALF_UP).toPlainString();
    }
}
