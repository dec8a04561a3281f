package io.tcbill.simulator;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code DescribeCustomerUin} (partner-api.md §6.5): pages through the customers, UINs and the total as strings;
 * {@code Page < 1} or {@code PageSize} outside 1..100 answer {@code InvalidParameter.Page}.
 */
final class CustomerUinAction {

    static final int MAX_PAGE_SIZE = 100;

    private final BillData data;
    private final SimulatorFaults faults;

    CustomerUinAction(BillData data, SimulatorFaults faults) {
        this.data = data;
        this.faults = faults;
    }

    ApiAction action() {
        return new ApiAction("DescribeCustomerUin", 20, Set.of("Page", "PageSize"), "InvalidParameter.Page", this::page);
    }

    private Map<String, Object> page(RequestParams params) {
        long page = params.requiredLong("Page");
        long pageSize = params.requiredLong("PageSize");
        if (page < 1 || pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
            throw new ApiError("InvalidParameter.Page",
                    "Incorrect page parameter value: Page must be >= 1 and PageSize 1.." + MAX_PAGE_SIZE + ".");
        }
        List<Long> uins = faults.listedCustomers(data.customerUins());
        long from = page - 1 >= uins.size() ? uins.size() : Math.min(uins.size(), (page - 1) * pageSize);
        long to = Math.min(uins.size(), from + pageSize);
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("Data", uins.subList((int) from, (int) to).stream()
                .map(uin -> Map.of("CustomerUin", Long.toString(uin))).toList());
        response.put("Total", Integer.toString(faults.customerTotal(data.customerUins())));
        return response;
    }
}
