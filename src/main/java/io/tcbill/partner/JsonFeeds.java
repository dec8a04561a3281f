package io.tcbill.partner;

import io.tcbill.feed.Feed;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON feeds of a reseller, per customer and month: the three bill summaries and the voucher usage. Every answer
 * goes to the sink as received, page by page and in request order, so the raw zone keeps exactly what the API said;
 * {@link #writeNdjson} turns an answer into one NDJSON line. Calls go through {@link PartnerClient} (rate limits,
 * retries); a failure names the action, customer, month and voucher. Thread-safe: fan customers out over threads.
 */
@Component
public final class JsonFeeds {

    static final List<String> SUMMARY_ACTIONS = List.of("DescribeBillSummaryByRegion", "DescribeBillSummaryByProduct",
            "DescribeBillSummaryByPayMode");
    static final String VOUCHER_LIST = "DescribeCustomerVoucherList";
    static final String VOUCHER_USAGE = "DescribeCustomerVoucherUsageDetails";
    /** The largest page the voucher actions accept (1-100). */
    static final int PAGE_SIZE = 100;
    /** Pages of one listing before paging counts as endless: a million records. */
    static final int MAX_PAGES = 10_000;

    private static final JsonMapper NDJSON = JsonMapper.builder()
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
            .build();

    private final PartnerClient client;
    private final int maxPages;

    @Autowired
    public JsonFeeds(PartnerClient client) {
        this(client, MAX_PAGES);
    }

    JsonFeeds(PartnerClient client, int maxPages) {
        this.client = client;
        this.maxPages = maxPages;
    }

    /** DescribeBillSummaryByRegion, ByProduct, ByPayMode for one customer and month, in that order. */
    public void summaries(YearMonth month, long customerUin, Consumer<ApiAnswer> sink) {
        for (String action : SUMMARY_ACTIONS) {
            Map<String, Object> request = new LinkedHashMap<>();
            request.put("BillMonth", month.toString());
            request.put("CustomerUin", customerUin);
            sink.accept(call(action, customerUin, request, "customer " + customerUin + ", month " + month));
        }
    }

    /**
     * DescribeCustomerVoucherList for the customer (all pages), then DescribeCustomerVoucherUsageDetails with
     * {@code Month} for each voucher listed (all pages); the sink gets the list pages first, then each voucher's usage
     * pages. A listing ends with a short or empty page, or when the records received reach the largest total the
     * answer reports ({@code TotalCount}; {@code TotalRecordsCount} and {@code RecordsCountByMonth}), so it asks for at
     * most {@code ceil(total / 100)} pages; after {@value #MAX_PAGES} full pages it fails with the terminal code
     * {@code EndlessPaging}. A page without a {@code Data} list or a total, a page repeating the one before, a total
     * that changes between pages or more records than the total fail with the terminal code
     * {@code InconsistentAnswer}, naming the action, customer, voucher and page.
     */
    public void voucherUsage(YearMonth month, long customerUin, Consumer<ApiAnswer> sink) {
        Set<Long> voucherIds = new LinkedHashSet<>();
        String customer = "customer " + customerUin + ", month " + month;
        Map<String, Object> list = new LinkedHashMap<>();
        list.put("CustomerUin", customerUin);
        pages(VOUCHER_LIST, customerUin, list, customer, answer -> {
            sink.accept(answer);
            for (JsonNode voucher : answer.response().path("Data")) {
                voucherIds.add(voucherId(voucher, customer));
            }
        });
        for (long voucherId : voucherIds) {
            Map<String, Object> usage = new LinkedHashMap<>();
            usage.put("CustomerUin", customerUin);
            usage.put("VoucherId", voucherId);
            usage.put("Month", month.toString());
            pages(VOUCHER_USAGE, customerUin, usage, customer + ", voucher " + voucherId, sink);
        }
    }

    /**
     * Writes a JSON feed's answers for one customer and month to {@code out}, one NDJSON line each ({@link #writeNdjson}).
     * Which answers is what the descriptor's {@code customer} source names: {@code DescribeBillSummaryByRegion} the three
     * summaries ({@link #summaries}), {@code DescribeCustomerVoucherUsageDetails} the vouchers ({@link #voucherUsage}).
     */
    public void writeAnswers(Feed feed, YearMonth month, long customerUin, OutputStream out) {
        Consumer<ApiAnswer> sink = answer -> writeNdjson(answer, out);
        String action = feed.source(Feed.SourceKind.CUSTOMER).action();
        if (action.equals(SUMMARY_ACTIONS.get(0))) {
            summaries(month, customerUin, sink);
        } else if (action.equals(VOUCHER_USAGE)) {
            voucherUsage(month, customerUin, sink);
        } else {
            throw new IllegalStateException("feed " + feed.name() + " names " + action + " as its customer source, which"
                    + " no JSON fetch starts with; use " + SUMMARY_ACTIONS.get(0) + " (summaries) or " + VOUCHER_USAGE
                    + " (vouchers) in its descriptor");
        }
    }

    /** Writes one line {@code {"action":…,"customer_uin":…,"request":{…},"response":{…}}} and {@code '\n'}, UTF-8. */
    public static void writeNdjson(ApiAnswer answer, OutputStream out) {
        ObjectNode line = NDJSON.createObjectNode();
        line.put("action", answer.action());
        line.put("customer_uin", answer.customerUin());
        line.set("request", NDJSON.valueToTree(new TreeMap<>(answer.request())));
        line.set("response", answer.response());
        byte[] bytes = NDJSON.writeValueAsBytes(line);
        try {
            out.write(bytes);
            out.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the answer of " + answer.action() + " for customer "
                    + answer.customerUin(), e);
        }
    }

    private void pages(String action, long customerUin, Map<String, Object> filter, String what,
                       Consumer<ApiAnswer> sink) {
        long received = 0;
        long total = -1;
        JsonNode previous = null;
        for (int page = 1; page <= maxPages; page++) {
            Map<String, Object> request = new LinkedHashMap<>(filter);
            request.put("Page", page);
            request.put("PageSize", PAGE_SIZE);
            ApiAnswer answer = call(action, customerUin, request, what);
            JsonNode data = answer.response().path("Data");
            long reported = reportedTotal(answer.response());
            String requestId = answer.response().path("RequestId").asString(null);
            if (!data.isArray()) {
                throw inconsistent(action, what, requestId, "page " + page + ": Data is "
                        + (data.isMissingNode() ? "missing" : data.isNull() ? "null" : data.isObject() ? "an object"
                        : "a " + data.getNodeType().name().toLowerCase(Locale.ROOT)) + ", not a list");
            }
            if (reported < 0) {
                throw inconsistent(action, what, requestId, "page " + page + " reports no total (TotalCount,"
                        + " TotalRecordsCount or RecordsCountByMonth), so its pages cannot be counted");
            }
            if (page > 1 && reported != total) {
                throw inconsistent(action, what, requestId, "the total was " + total + " on page 1 but " + reported
                        + " on page " + page);
            }
            if (previous != null && !data.isEmpty() && data.equals(previous)) {
                throw inconsistent(action, what, requestId, "page " + page + " repeats page " + (page - 1) + " (the same "
                        + data.size() + " records); the total reported is " + reported);
            }
            total = reported;
            received += data.size();
            if (received > total) {
                throw inconsistent(action, what, requestId, page + " page(s) held " + received
                        + " records but the total reported is " + total);
            }
            sink.accept(answer);
            // a page is full only while fewer than the total are received: at most ceil(total / PAGE_SIZE) pages
            if (data.size() < PAGE_SIZE || received >= total) {
                return;
            }
            previous = data;
        }
        throw new PartnerApiException(action, ApiErrors.ENDLESS_PAGING, "page " + maxPages + " was still full, "
                + received + " records received, total reported " + total, null, false).withContext(what);
    }

    private static PartnerApiException inconsistent(String action, String what, String requestId, String message) {
        return new PartnerApiException(action, ApiErrors.INCONSISTENT_ANSWER, message, requestId, false)
                .withContext(what);
    }

    /** The largest of the totals an answer reports; -1 when it reports none. */
    private static long reportedTotal(JsonNode response) {
        long total = -1;
        for (String field : List.of("TotalCount", "TotalRecordsCount", "RecordsCountByMonth")) {
            JsonNode value = response.path(field);
            if (value.isNumber() || value.isString()) {
                total = Math.max(total, value.asLong(-1));
            }
        }
        return total;
    }

    /** {@code VoucherId} of a listed voucher: an int64, tolerated as a decimal string. */
    private static long voucherId(JsonNode voucher, String what) {
        JsonNode id = voucher.path("VoucherId");
        if (id.isIntegralNumber() && id.canConvertToLong()) {
            return id.longValue();
        }
        if (id.isString() && id.asString().trim().matches("\\d{1,18}")) {
            return Long.parseLong(id.asString().trim());
        }
        throw new PartnerApiException(VOUCHER_LIST, ApiErrors.INVALID_RESPONSE, "a voucher has no numeric VoucherId: "
                + ApiErrors.sanitize(String.valueOf(voucher)), null, false).withContext(what);
    }

    private ApiAnswer call(String action, long customerUin, Map<String, Object> request, String what) {
        try {
            return new ApiAnswer(action, customerUin, request, client.call(action, request));
        } catch (PartnerApiException e) {
            throw e.withContext(what);
        }
    }
}
