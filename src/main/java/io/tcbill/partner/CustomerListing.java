package io.tcbill.partner;

import io.tcbill.partner.ApiMessages.CustomerUinData;
import io.tcbill.partner.ApiMessages.CustomerUinResponse;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.LongFunction;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * {@code DescribeCustomerUin} read strictly: the customer list decides whose bills a month holds, so a list that
 * contradicts itself fails (terminal, {@code InconsistentAnswer}) instead of silently dropping customers. A page must
 * carry a {@code Total}, a {@code Data} array (null only when Total is 0) and only positive integer UINs; the pages
 * must list exactly {@code Total} distinct UINs within {@code ceil(Total / PageSize)} pages, no page repeating the one
 * before it, and every page must report the same Total.
 */
final class CustomerListing {

    static final String ACTION = "DescribeCustomerUin";
    private static final Pattern UIN = Pattern.compile("[1-9][0-9]{0,18}");
    private static final int UINS_NAMED = 10;

    private CustomerListing() {
    }

    /** One page's answer as a {@link CustomerUinPage}, or the reason it cannot be one. */
    static CustomerUinPage page(CustomerUinResponse response, long page, long pageSize, String requestId) {
        String where = "page " + page + " (PageSize " + pageSize + ")";
        if (response.total() == null || !response.total().trim().matches("[0-9]{1,18}")) {
            throw inconsistent(where + " has no Total count (Total " + quoted(response.total()) + ")", requestId);
        }
        long total = Long.parseLong(response.total().trim());
        if (response.data() == null) {
            if (total > 0) {
                throw inconsistent(where + " has no Data list but Total is " + total, requestId);
            }
            return new CustomerUinPage(total, List.of());
        }
        List<Long> uins = new ArrayList<>();
        for (int i = 0; i < response.data().size(); i++) {
            CustomerUinData data = response.data().get(i);
            String uin = data == null ? null : data.customerUin();
            if (uin == null || !UIN.matcher(uin).matches()) {
                throw inconsistent(where + ": Data[" + i + "].CustomerUin is " + quoted(uin)
                        + ", not a positive integer UIN", requestId);
            }
            uins.add(Long.parseLong(uin));
        }
        return new CustomerUinPage(total, uins);
    }

    /** Every page, in order, until Total distinct UINs are listed; see the class comment for what fails. */
    static List<Long> all(LongFunction<CustomerUinPage> pages, long pageSize) {
        return all(ACTION, pages, pageSize);
    }

    /**
     * The same for another listing {@code action} (a distributor's second-level resellers and their customers): its
     * pages are held to the same rules and a contradiction names that action.
     */
    static List<Long> all(String action, LongFunction<CustomerUinPage> pages, long pageSize) {
        Set<Long> uins = new LinkedHashSet<>();
        List<Long> previous = List.of();
        long total = 0;
        long lastPage = 1;
        long page = 1;
        for (; ; page++) {
            CustomerUinPage result = pages.apply(page);
            if (page == 1) {
                total = result.total();
                lastPage = Math.max(1, (total + pageSize - 1) / pageSize);
            } else if (result.total() != total) {
                throw inconsistent(action, "Total was " + total + " on page 1 but " + result.total() + " on page " + page
                        + "; the customer list changed while it was read", null);
            }
            if (!result.customerUins().isEmpty() && result.customerUins().equals(previous)) {
                throw inconsistent(action, "page " + page + " repeats page " + (page - 1) + " (the same "
                        + previous.size() + " UINs); Total is " + total + ", " + uins.size()
                        + " distinct UINs were listed before it", null);
            }
            uins.addAll(result.customerUins());
            previous = result.customerUins();
            if (uins.size() >= total || page >= lastPage || result.customerUins().isEmpty()) {
                break;
            }
        }
        if (uins.size() != total) {
            throw inconsistent(action, "Total is " + total + " but " + page + " page(s) of PageSize " + pageSize + " listed "
                    + uins.size() + " distinct UIN(s)" + named(uins), null);
        }
        return List.copyOf(uins);
    }

    private static String named(Set<Long> uins) {
        if (uins.isEmpty()) {
            return "";
        }
        String first = uins.stream().limit(UINS_NAMED).map(String::valueOf).collect(Collectors.joining(", "));
        return " (" + first + (uins.size() > UINS_NAMED ? ", …" : "") + ")";
    }

    private static String quoted(String value) {
        return value == null ? "missing" : "'" + ApiErrors.sanitize(value.length() > 40 ? value.substring(0, 40) + "…" : value) + "'";
    }

    private static PartnerApiException inconsistent(String message, String requestId) {
        return inconsistent(ACTION, message, requestId);
    }

    static PartnerApiException inconsistent(String action, String message, String requestId) {
        return new PartnerApiException(action, ApiErrors.INCONSISTENT_ANSWER, message, requestId, false);
    }
}
