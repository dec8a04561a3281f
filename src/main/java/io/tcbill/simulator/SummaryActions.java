package io.tcbill.simulator;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * {@code DescribeBillSummaryByRegion}, {@code ByProduct} and {@code ByPayMode} (partner-api.md §1.1, §1.x): a
 * customer's bill for a month totalled three ways, from the same rows as the customer's L3 file. Amounts are decimal
 * strings with 8 decimals; a customer without rows answers {@code SummaryOverview: []}. A
 * {@link SimulatorFaults#summaryMismatch} fault shifts the first item's {@code TotalCost} (and, by pay mode, the first
 * action type's) so the summary no longer matches the file.
 */
final class SummaryActions {

    static final int REQUESTS_PER_SECOND = 1;
    private static final Set<String> PARAMETERS = Set.of("BillMonth", "CustomerUin");

    private final BillData data;
    private final BillMonths months;
    private final SimulatorFaults faults;

    SummaryActions(BillData data, BillMonths months, SimulatorFaults faults) {
        this.data = data;
        this.months = months;
        this.faults = faults;
    }

    List<ApiAction> actions() {
        return List.of(
                action("DescribeBillSummaryByRegion", (summary, delta) -> items(summary.byRegion(), "RegionId", "RegionName", delta)),
                action("DescribeBillSummaryByProduct", (summary, delta) -> items(summary.byProduct(), "BusinessCode", "BusinessCodeName", delta)),
                action("DescribeBillSummaryByPayMode", this::payModes));
    }

    private ApiAction action(String name, BiFunction<CustomerSummary, BigDecimal, List<Map<String, Object>>> render) {
        return new ApiAction(name, REQUESTS_PER_SECOND, PARAMETERS, "InvalidParameterValue", params -> {
            YearMonth month = months.parse(params.requiredString("BillMonth"), BillMonths.EARLIEST_DETAIL);
            long uin = params.requiredLong("CustomerUin");
            if (!data.isCustomer(uin)) {
                throw ApiError.uinNoAuth(uin);
            }
            Map<String, Object> response = new LinkedHashMap<>();
            response.put("SummaryOverview", render.apply(data.summary(month, uin), faults.summaryDelta(uin)));
            return response;
        });
    }

    private static List<Map<String, Object>> items(List<CustomerSummary.Group> groups, String codeField, String nameField,
                                                   BigDecimal delta) {
        List<Map<String, Object>> items = new ArrayList<>();
        for (CustomerSummary.Group group : groups) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put(codeField, group.code());
            item.put(nameField, group.name());
            amounts(item, group, items.isEmpty() ? delta : BigDecimal.ZERO);
            items.add(item);
        }
        return items;
    }

    private List<Map<String, Object>> payModes(CustomerSummary summary, BigDecimal delta) {
        List<Map<String, Object>> items = new ArrayList<>();
        for (CustomerSummary.Group mode : summary.byPayMode()) {
            BigDecimal shift = items.isEmpty() ? delta : BigDecimal.ZERO;
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("PayMode", mode.code());
            item.put("PayModeName", mode.name());
            item.put("OriginalCost", money(mode.originalCost()));
            item.put("Detail", items(mode.detail(), "ActionType", "ActionTypeName", shift));
            item.put("VoucherPayAmount", money(mode.voucherPayAmount()));
            item.put("TotalCost", money(mode.totalCost().add(shift)));
            items.add(item);
        }
        return items;
    }

    private static void amounts(Map<String, Object> item, CustomerSummary.Group group, BigDecimal shift) {
        item.put("OriginalCost", money(group.originalCost()));
        item.put("VoucherPayAmount", money(group.voucherPayAmount()));
        item.put("TotalCost", money(group.totalCost().add(shift)));
    }

    private static String money(BigDecimal amount) {
        return amount.setScale(8, RoundingMode.HALF_UP).toPlainString();
    }
}
