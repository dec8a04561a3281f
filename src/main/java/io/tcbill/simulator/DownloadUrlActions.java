package io.tcbill.simulator;

import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The three download-URL actions (partner-api.md §1.1, §6.3): {@code DescribeBillDownloadUrl} (the caller's own L2/L3),
 * {@code DescribeCustomerBillDownloadUrl} (a customer's bill; packs of all customers) and
 * {@code DescribeRebateDownloadUrl} (commission). Each validates its parameters and hands the file to
 * {@link FileDelivery}.
 */
final class DownloadUrlActions {

    static final int REQUESTS_PER_SECOND = 20;
    private static final Set<String> OWN_TYPES = Set.of("L2", "L3");
    private static final Set<String> CUSTOMER_TYPES = Set.of("billResource", "billDetail", "billResourcePack", "billDetailPack");
    private static final Set<String> UIN_TYPES = Set.of("Customer", "Reseller", "ResellerCustomer");
    private static final Set<String> LANGUAGES = Set.of("zh_cn", "en");

    private final BillData data;
    private final BillMonths months;
    private final FileDelivery delivery;

    DownloadUrlActions(BillData data, BillMonths months, FileDelivery delivery) {
        this.data = data;
        this.months = months;
        this.delivery = delivery;
    }

    List<ApiAction> actions() {
        return List.of(
                new ApiAction("DescribeBillDownloadUrl", REQUESTS_PER_SECOND, Set.of("Month", "FileType"),
                        "InvalidParameter", this::ownBill),
                new ApiAction("DescribeCustomerBillDownloadUrl", REQUESTS_PER_SECOND,
                        Set.of("Month", "FileType", "CustomerUinType", "FileLanguage", "CustomerUin"),
                        "InvalidParameter", this::customerBill),
                new ApiAction("DescribeRebateDownloadUrl", REQUESTS_PER_SECOND, Set.of("Month", "FileType"),
                        "InvalidParameterValue", this::rebate));
    }

    private Map<String, Object> ownBill(RequestParams params) {
        String type = params.requiredEnum("FileType", OWN_TYPES);
        String feed = type.equals("L2") ? BillFile.L2 : BillFile.L3;
        YearMonth month = months.parse(params.requiredString("Month"), earliest(feed));
        return delivery.answer("DescribeBillDownloadUrl|" + type + "|" + month, new BillFile(feed, month, null));
    }

    private Map<String, Object> customerBill(RequestParams params) {
        String type = params.requiredEnum("FileType", CUSTOMER_TYPES);
        String uinType = params.requiredEnum("CustomerUinType", UIN_TYPES);
        String language = params.optionalEnum("FileLanguage", LANGUAGES, "en");
        String feed = type.startsWith("billResource") ? BillFile.L2 : BillFile.L3;
        YearMonth month = months.parse(params.requiredString("Month"), earliest(feed));
        Long uin = params.optionalLong("CustomerUin");
        if (type.endsWith("Pack")) {
            if (uin != null) {
                throw params.invalid("CustomerUin", "must not be passed for a bill package");
            }
            String key = "DescribeCustomerBillDownloadUrl|" + type + "|" + month + "|" + uinType + "|" + language;
            return delivery.answer(key, BillFile.pack(feed, month).withLanguage(language));
        }
        if (uin == null) {
            throw ApiError.missingParameter("CustomerUin");
        }
        if (!data.isCustomer(uin)) {
            throw ApiError.uinNoAuth(uin);
        }
        if (!uinType.equals(data.customerType(uin))) {
            throw params.invalid("CustomerUinType", uin + " is a " + data.customerType(uin) + ", not a " + uinType);
        }
        String key = "DescribeCustomerBillDownloadUrl|" + type + "|" + month + "|" + uinType + "|" + language + "|" + uin;
        return delivery.answer(key, new BillFile(feed, month, uin).withLanguage(language));
    }

    private Map<String, Object> rebate(RequestParams params) {
        String type = params.requiredEnum("FileType", Set.of("CommissionDetail"));
        YearMonth month = months.parse(params.requiredString("Month"), BillMonths.EARLIEST_DETAIL);
        return delivery.answer("DescribeRebateDownloadUrl|" + type + "|" + month, new BillFile(BillFile.COMMISSION, month, null));
    }

    private static YearMonth earliest(String feed) {
        return feed.equals(BillFile.L2) ? BillMonths.EARLIEST_RESOURCE : BillMonths.EARLIEST_DETAIL;
    }
}
