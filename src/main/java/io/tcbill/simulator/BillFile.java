package io.tcbill.simulator;

import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * One file the simulator can serve: a feed's file for a month, for a customer, for the caller itself, or the bill
 * package (ZIP) of all customers.
 *
 * @param feed        {@code l2}, {@code l3} or {@code commission} (the names of {@code jobs/*.yml})
 * @param month       the billing month
 * @param customerUin the customer the file is for; null for the caller's own bill, a package and commission
 * @param pack        whether this is the package of all customers' bills ({@code billResourcePack|billDetailPack})
 * @param language    the file language asked for ({@code FileLanguage}: {@code en} or {@code zh_cn}); the rows are the
 *                    same in both languages, only headers and localised values differ
 */
record BillFile(String feed, YearMonth month, Long customerUin, boolean pack, String language) {

    static final String L2 = "l2";
    static final String L3 = "l3";
    static final String COMMISSION = "commission";
    static final Set<String> FEEDS = Set.of(L2, L3, COMMISSION);

    private static final DateTimeFormatter COMPACT_MONTH = DateTimeFormatter.ofPattern("yyyyMM", Locale.ROOT);
    private static final String PACK = "pack";

    BillFile {
        Objects.requireNonNull(month, "month");
        feed = feedName(feed);
        if (COMMISSION.equals(feed) && (customerUin != null || pack)) {
            throw new IllegalArgumentException("the commission file has no per-customer or package variant");
        }
        language = language == null ? FileLayout.ENGLISH : language;
        if (!language.equals(FileLayout.ENGLISH) && !language.equals(FileLayout.CHINESE)) {
            throw new IllegalArgumentException("file language must be en or zh_cn, not '" + language + "'");
        }
        if (pack && customerUin != null) {
            throw new IllegalArgumentException("a bill package is for all customers, not customer " + customerUin);
        }
    }

    /** A single CSV file: a customer's, or the caller's own when {@code customerUin} is null. */
    BillFile(String feed, YearMonth month, Long customerUin) {
        this(feed, month, customerUin, false, FileLayout.ENGLISH);
    }

    BillFile(String feed, YearMonth month, Long customerUin, boolean pack) {
        this(feed, month, customerUin, pack, FileLayout.ENGLISH);
    }

    /** The same file in {@code newLanguage} ({@code en} or {@code zh_cn}). */
    BillFile withLanguage(String newLanguage) {
        return new BillFile(feed, month, customerUin, pack, newLanguage);
    }

    boolean chinese() {
        return FileLayout.CHINESE.equals(language);
    }

    /** The package (ZIP) of every customer's file of the feed ({@code l2} or {@code l3}) for the month. */
    static BillFile pack(String feed, YearMonth month) {
        return new BillFile(feed, month, null, true);
    }

    /** The feed name in canonical form, or an error naming the feeds the simulator serves. */
    static String feedName(String feed) {
        String name = Objects.requireNonNull(feed, "feed").toLowerCase(Locale.ROOT);
        if (!FEEDS.contains(name)) {
            throw new IllegalArgumentException("unknown feed '" + feed + "'; the simulator serves " + FEEDS);
        }
        return name;
    }

    /** The file name as Tencent names it (partner-api.md §1.2, §6.7), with a suffix derived from the seed. */
    String fileName(long seed, long ownUin) {
        String suffix = Long.toHexString(Seeds.mix(seed, key().hashCode()) & 0xffffffffL);
        if (pack) {
            return baseName(ownUin) + "-AllCustomersBills-" + month.format(COMPACT_MONTH) + "-" + suffix + ".zip";
        }
        if (COMMISSION.equals(feed)) {
            return "CommissionDetail-" + month.format(COMPACT_MONTH) + "-" + suffix + ".csv";
        }
        return baseName(customerUin == null ? ownUin : customerUin) + "-" + month.format(COMPACT_MONTH) + "-" + suffix + ".csv";
    }

    /** The name of CSV entry {@code number} (from 1) inside a package: the package name with {@code -N.csv}. */
    String packEntryName(long seed, long ownUin, int number) {
        String zip = fileName(seed, ownUin);
        return zip.substring(0, zip.length() - ".zip".length()) + "-" + number + ".csv";
    }

    private String baseName(long uin) {
        return (L2.equals(feed) ? "L2-bill_by_Instance-" : "L3-bill_details-") + uin;
    }

    /**
     * A stable text key ({@code l3|2024-12|800000123456}; {@code self} for the caller's own file, {@code pack}); the
     * same in both languages, so that it seeds the same rows.
     */
    String key() {
        return feed + "|" + month + "|" + (pack ? PACK : customerUin == null ? "self" : customerUin.toString());
    }

    /** The key with the language when it is not English ({@code l3|2024-12|800000123456|zh_cn}): names a download. */
    String linkKey() {
        return chinese() ? key() + "|" + language : key();
    }

    static BillFile parseKey(String key) {
        String[] parts = key.split("\\|", -1);
        if (parts.length != 3 && parts.length != 4) {
            throw new IllegalArgumentException("not a file key");
        }
        String language = parts.length == 4 ? parts[3] : FileLayout.ENGLISH;
        if (PACK.equals(parts[2])) {
            return pack(parts[0], YearMonth.parse(parts[1])).withLanguage(language);
        }
        Long uin = "self".equals(parts[2]) ? null : Long.valueOf(parts[2]);
        return new BillFile(parts[0], YearMonth.parse(parts[1]), uin, false, language);
    }
}
