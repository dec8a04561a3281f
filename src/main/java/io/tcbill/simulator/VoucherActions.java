package io.tcbill.simulator;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code DescribeCustomerVoucherList} and {@code DescribeCustomerVoucherUsageDetails} (partner-api.md §1.1, §1.x),
 * paged with {@code Page >= 1} and {@code PageSize} 1..100, amounts as JSON numbers with two decimals. The usage of a
 * voucher pages over one month when {@code Month} is given (then {@code TotalRecordsCount} and
 * {@code RecordsCountByMonth} are both that month's count), otherwise over every month of the voucher's validity up
 * to the latest final month. A voucher the customer does not hold answers {@code FailedOperation}.
 */
final class VoucherActions {

    static final int REQUESTS_PER_SECOND = 20;
    static final int MAX_PAGE_SIZE = 100;
    private static final Set<String> STATUSES = Set.of("Issued", "Used", "Expired", "Invalidated");
    private static final Set<String> PAYMENT_MODES = Set.of("AllPayment", "Prepaid", "Postpaid");
    private static final Set<String> USAGES = Set.of("ProductTrial", "CustomerOffer");
    private static final Set<String> SCOPES = Set.of("AllProducts", "SpecifyProducts", "SpecifyProductsBlacklist");

    private final BillData data;
    private final BillMonths months;

    VoucherActions(BillData data, BillMonths months) {
        this.data = data;
        this.months = months;
    }

    List<ApiAction> actions() {
        return List.of(
                new ApiAction("DescribeCustomerVoucherList", REQUESTS_PER_SECOND, Set.of("Page", "PageSize", "CustomerUin",
                        "VoucherStatus", "PaymentMode", "Usage", "ProductScope", "VoucherId"), "InvalidParameterValue", this::list),
                new ApiAction("DescribeCustomerVoucherUsageDetails", REQUESTS_PER_SECOND,
                        Set.of("Page", "PageSize", "CustomerUin", "VoucherId", "Month"), "InvalidParameterValue", this::usage));
    }

    private Map<String, Object> list(RequestParams params) {
        Paging paging = paging(params);
        Long uin = params.optionalLong("CustomerUin");
        String status = params.optionalEnum("VoucherStatus", STATUSES, null);
        String paymentMode = params.optionalEnum("PaymentMode", PAYMENT_MODES, null);
        String usage = params.optionalEnum("Usage", USAGES, null);
        String scope = params.optionalEnum("ProductScope", SCOPES, null);
        Long voucherId = params.optionalLong("VoucherId");
        if (uin != null) {
            requireCustomer(uin);
        }
        List<VoucherBook.Voucher> matching = (uin == null ? data.vouchers().all() : data.vouchers().of(uin)).stream()
                .filter(v -> status == null || v.status().equals(status))
                .filter(v -> paymentMode == null || v.paymentMode().equals(paymentMode))
                .filter(v -> usage == null || v.usage().equals(usage))
                .filter(v -> scope == null || v.productScope().equals(scope))
                .filter(v -> voucherId == null || v.voucherId() == voucherId)
                .toList();
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("TotalCount", matching.size());
        response.put("Data", paging.slice(matching).stream().map(VoucherActions::voucherItem).toList());
        return response;
    }

    private Map<String, Object> usage(RequestParams params) {
        Paging paging = paging(params);
        long uin = params.requiredLong("CustomerUin");
        long voucherId = params.requiredLong("VoucherId");
        YearMonth month = params.has("Month") ? months.parse(params.requiredString("Month"), BillMonths.EARLIEST_DETAIL) : null;
        requireCustomer(uin);
        VoucherBook.Voucher voucher = data.vouchers().of(uin).stream().filter(v -> v.voucherId() == voucherId).findFirst()
                .orElseThrow(() -> new ApiError("FailedOperation", "Voucher " + voucherId + " is not a voucher of customer " + uin + "."));
        List<YearMonth> span = month != null ? List.of(month) : validMonths(voucher);
        long total = span.stream().mapToLong(m -> data.vouchers().usageCount(voucher, m)).sum();
        List<Map<String, Object>> page = new ArrayList<>();
        long offset = 0;
        for (YearMonth m : span) {
            int count = data.vouchers().usageCount(voucher, m);
            if (offset + count > paging.from() && offset < paging.to(total)) {
                for (VoucherBook.Usage record : paging.slice(data.vouchers().usage(voucher, m), offset)) {
                    page.add(usageItem(voucher, record));
                }
            }
            offset += count;
        }
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("Data", page);
        response.put("CustomerUin", uin);
        response.put("VoucherId", voucherId);
        response.put("TotalAmount", voucher.totalAmount());
        response.put("RemainAmount", voucher.remainingAmount());
        response.put("TotalRecordsCount", total);
        response.put("Month", month == null ? "" : month.toString());
        response.put("RecordsCountByMonth", total);
        return response;
    }

    private List<YearMonth> validMonths(VoucherBook.Voucher voucher) {
        YearMonth last = YearMonth.from(voucher.expireTime());
        YearMonth latest = months.latestFinal();
        List<YearMonth> span = new ArrayList<>();
        for (YearMonth m = YearMonth.from(voucher.effectiveTime()); !m.isAfter(last) && !m.isAfter(latest); m = m.plusMonths(1)) {
            span.add(m);
        }
        return span;
    }

    private void requireCustomer(long uin) {
        if (!data.isCustomer(uin)) {
            throw new ApiError("FailedOperation", "Customer " + uin + " is not a customer of the caller.");
        }
    }

    /** The rows {@code from..to} (exclusive) a page asks for. */
    private record Paging(long page, long pageSize) {
        long from() {
            return (page - 1) * pageSize;
        }

        long to(long total) {
            return Math.min(total, from() + pageSize);
        }

        /** The part of {@code items}, which start at position {@code offset} of the whole list, that is on this page. */
        <T> List<T> slice(List<T> items, long offset) {
            long first = Math.max(from(), offset) - offset;
            long last = Math.min(from() + pageSize, offset + items.size()) - offset;
            return first >= last ? List.of() : items.subList((int) first, (int) last);
        }

        <T> List<T> slice(List<T> items) {
            return slice(items, 0);
        }
    }

    private static Paging paging(RequestParams params) {
        long page = params.requiredLong("Page");
        long pageSize = params.requiredLong("PageSize");
        if (page < 1 || page > Integer.MAX_VALUE) {
            throw params.invalid("Page", "must be >= 1");
        }
        if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
            throw params.invalid("PageSize", "must be 1.." + MAX_PAGE_SIZE);
        }
        return new Paging(page, pageSize);
    }

    private static Map<String, Object> voucherItem(VoucherBook.Voucher voucher) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("VoucherId", voucher.voucherId());
        item.put("CustomerUin", voucher.customerUin());
        item.put("VoucherStatus", voucher.status());
        item.put("RemainingAmount", voucher.remainingAmount());
        item.put("TotalAmount", voucher.totalAmount());
        item.put("Usage", voucher.usage());
        item.put("PaymentMode", voucher.paymentMode());
        item.put("ProductScope", voucher.productScope());
        item.put("EffectiveTime", CsvRowGenerator.TIMESTAMP.format(voucher.effectiveTime()));
        item.put("ExpireTime", CsvRowGenerator.TIMESTAMP.format(voucher.expireTime()));
        item.put("ApplyReason", voucher.applyReason());
        return item;
    }

    private static Map<String, Object> usageItem(VoucherBook.Voucher voucher, VoucherBook.Usage usage) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("Id", usage.id());
        item.put("VoucherId", Long.toString(voucher.voucherId()));
        item.put("DealName", usage.dealName());
        item.put("BillId", usage.billId());
        item.put("Amount", usage.amount());
        item.put("PayMode", usage.payMode());
        item.put("ProductCode", usage.product().code());
        item.put("SubProductCode", "sp_" + usage.product().code().substring(2));
        item.put("ProductCodeName", usage.product().name());
        item.put("SubProductCodeName", usage.product().subproduct());
        item.put("PayTime", CsvRowGenerator.TIMESTAMP.format(usage.payTime()));
        item.put("CompletionTime", CsvRowGenerator.TIMESTAMP.format(usage.completionTime()));
        item.put("OwnerUin", voucher.customerUin());
        return item;
    }
}
