package io.tcbill.simulator;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A distributor's listings: {@code QuerySubAgentsDetailV2} pages through its second-level resellers
 * ({@code SubAgentUin}), {@code QueryT1IndirectCustomersDetail} through one second-level reseller's customers
 * ({@code ClientUin}); UINs and totals are JSON integers. {@code Page < 1} or {@code PageSize} outside 1..100 answer
 * {@code InvalidParameter}; a UIN that is not one of the distributor's second-level resellers answers
 * {@code FailedOperation.InvalidSubAgentUin}. A reseller (no distributor configured) lists none.
 */
final class DistributorActions {

    private static final int REQUESTS_PER_SECOND = 20;

    private final BillData data;

    DistributorActions(BillData data) {
        this.data = data;
    }

    List<ApiAction> actions() {
        return List.of(
                new ApiAction("QuerySubAgentsDetailV2", REQUESTS_PER_SECOND, Set.of("Page", "PageSize", "FilterType",
                        "FilterValue"), "InvalidParameter", this::subAgents),
                new ApiAction("QueryT1IndirectCustomersDetail", REQUESTS_PER_SECOND,
                        Set.of("SubAgentUin", "Page", "PageSize"), "InvalidParameter", this::indirectCustomers));
    }

    private Map<String, Object> subAgents(RequestParams params) {
        return page(params, data.resellerUins(), "SubAgentUin");
    }

    private Map<String, Object> indirectCustomers(RequestParams params) {
        long reseller = params.requiredLong("SubAgentUin");
        if (!data.resellerUins().contains(reseller)) {
            throw new ApiError("FailedOperation.InvalidSubAgentUin", "SubAgentUin " + reseller
                    + " is not a second-level reseller of this distributor.");
        }
        return page(params, data.resellerCustomerUins(reseller), "ClientUin");
    }

    private static Map<String, Object> page(RequestParams params, List<Long> uins, String field) {
        long page = params.requiredLong("Page");
        long pageSize = params.requiredLong("PageSize");
        if (page < 1 || pageSize < 1 || pageSize > CustomerUinAction.MAX_PAGE_SIZE) {
            throw params.invalid("Page", "Page must be >= 1 and PageSize 1.." + CustomerUinAction.MAX_PAGE_SIZE);
        }
        int from = (int) Math.min(uins.size(), (page - 1) * pageSize);
        int to = (int) Math.min(uins.size(), from + pageSize);
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("Data", uins.subList(from, to).stream().map(uin -> Map.of(field, uin)).toList());
        response.put("Total", uins.size());
        return response;
    }
}
