package io.tcbill.transfer;

import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks, before a byte is downloaded, that a link's file name does not name another customer's or another month's
 * bill. Tencent names a customer's file {@code L3-bill_details-<uin>-<yyyymm>-….csv} or
 * {@code L2-bill_by_Instance-<uin>-<yyyymm>-….csv}, and a pack of all customers
 * {@code L2-bill_by_Instance-<reseller uin>-AllCustomersBills-<yyyymm>-….zip} (partner-api.md §1.2): a name in one of
 * these shapes must carry the requested month and, for a customer's file, the requested customer; a pack's name is
 * refused for one customer's file. Names in no known shape (the caller's own files, commission) pass unchecked.
 */
final class LinkName {

    private static final String KIND = "(?:L2-bill_by_Instance|L3-bill_details)";
    private static final Pattern CUSTOMER_FILE =
            Pattern.compile("(?i)" + KIND + "-(\\d{1,20})-(\\d{6})(?:-[^.]*)?\\.csv");
    private static final Pattern PACK = Pattern.compile("(?i)" + KIND + "-(\\d{1,20})-All[A-Za-z]*Bills-(\\d{6})(?:[-.].*)?");
    private static final DateTimeFormatter COMPACT_MONTH = DateTimeFormatter.ofPattern("yyyyMM", Locale.ROOT);

    private LinkName() {
    }

    /**
     * Throws a terminal {@link TransferException} when {@code fileName} (the link's sanitised last path segment) names
     * another customer or month than {@code target}, or a pack while {@code target} is one customer's file.
     *
     * @param host the link's host, for the message (never the link itself)
     */
    static void check(String fileName, RawTarget target, String host) {
        String month = target.month().format(COMPACT_MONTH);
        Matcher pack = PACK.matcher(fileName);
        if (pack.matches()) {
            if (target.customerUin() != null) {
                throw refused(target, host, fileName, "the pack of all customers (reseller " + pack.group(1) + ")");
            }
            requireMonth(pack.group(2), month, target, host, fileName);
            return;
        }
        Matcher file = CUSTOMER_FILE.matcher(fileName);
        if (!file.matches()) {
            return;
        }
        if (target.customerUin() != null && !Long.toString(target.customerUin()).equals(stripZeros(file.group(1)))) {
            throw refused(target, host, fileName, "the file of customer " + file.group(1) + " for "
                    + pretty(file.group(2)));
        }
        requireMonth(file.group(2), month, target, host, fileName);
    }

    private static void requireMonth(String named, String month, RawTarget target, String host, String fileName) {
        if (!named.equals(month)) {
            throw refused(target, host, fileName, "a file for " + pretty(named));
        }
    }

    private static TransferException refused(RawTarget target, String host, String fileName, String what) {
        return TransferException.terminal("the download link for " + target + " from " + host + " is " + what + " ("
                + fileName + "), not the file asked for; refusing to download it: the Partner API gave the wrong link,"
                + " report it to Tencent", null);
    }

    private static String stripZeros(String digits) {
        return digits.replaceFirst("^0+(?=\\d)", "");
    }

    private static String pretty(String yyyymm) {
        try {
            return YearMonth.parse(yyyymm, COMPACT_MONTH).toString();
        } catch (RuntimeException e) {
            return yyyymm;
        }
    }
}
