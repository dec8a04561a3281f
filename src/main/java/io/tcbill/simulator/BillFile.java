package io.tcbill.simulator;

import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * One file the simulator can serve: a feed's file for a month, for a customer or for the caller itself.
 *
 * @param feed        {@code l2}, {@code l3} or {@code commission} (the names of {@code jobs/*.yml})
 * @param month       the billing month
 * @param customerUin the customer the file is for; null for the caller's own bill (and always for commission)
 */
record BillFile(String feed, YearMonth month, Long customerUin) {

    static final String L2 = "l2";
    static final String L3 = "l3";
    static final String COMMISSION = "commission";
    static final Set<String> FEEDS = Set.of(L2, L3, COMMISSION);

    private static final DateTimeFormatter COMPACT_MONTH = DateTimeFormatter.ofPattern("yyyyMM", Locale.ROOT);

    BillFile {
        Objects.requireNonNull(month, "month");
        feed = feedName(feed);
        if (COMMISSION.equals(feed) && customerUin != null) {
            throw new IllegalArgumentException("the commission file has no per-customer variant (customer " + customerUin + ")");
        }
    }

    /** The feed name in canonical form, or an error naming the feeds the simulator serves. */
    static String feedName(String feed) {
        String name = Objects.requireNonNull(feed, "feed").toLowerCase(Locale.ROOT);
        if (!FEEDS.contains(name)) {
            throw new IllegalArgumentException("unknown feed '" + feed + "'; the simulator serves " + FEEDS);
        }
        return name;
    }

    /** The file name as Tencent names it (partner-api.md §6.7), with a suffix derived from the seed. */
    String fileName(long seed, long ownUin) {
        String month6 = month.format(COMPACT_MONTH);
        String suffix = Long.toHexString(Seeds.mix(seed, key().hashCode()) & 0xffffffffL);
        long uin = customerUin == null ? ownUin : customerUin;
        return switch (feed) {
            case L2 -> "L2-bill_by_Instance-" + uin + "-" + month6 + "-" + suffix + ".csv";
            case L3 -> "L3-bill_details-" + uin + "-" + month6 + "-" + suffix + ".csv";
            default -> "CommissionDetail-" + month6 + "-" + suffix + ".csv";
        };
    }

    /** A stable text key ({@code l3|2024-12|800000123456}, {@code self} for the caller's own file). */
    String key() {
        return feed + "|" + month + "|" + (customerUin == null ? "self" : customerUin.toString());
    }

    static BillFile parseKey(String key) {
        String[] parts = key.split("\\|", -1);
        if (parts.length != 3) {
            throw new IllegalArgumentException("not a file key");
        }
        Long uin = "self".equals(parts[2]) ? null : Long.valueOf(parts[2]);
        return new BillFile(parts[0], YearMonth.parse(parts[1]), uin);
    }
}
