package io.tcbill.partner;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The UINs a reseller-role account pulls, by {@code tcbill.api.customer-types}: its direct customers
 * ({@code DescribeCustomerUin}), its second-level resellers ({@code QuerySubAgentsDetailV2}) and their customers
 * ({@code QueryT1IndirectCustomersDetail}, one listing per second-level reseller). Each listing is read as strictly as
 * {@link CustomerListing} reads the customers; a UIN listed under two types fails, since its files would be asked for
 * twice.
 */
final class DistributorListing {

    static final String SUB_AGENTS = "QuerySubAgentsDetailV2";
    static final String INDIRECT_CUSTOMERS = "QueryT1IndirectCustomersDetail";
    /** The most the two distributor listings allow per page. */
    static final long MAX_PAGE_SIZE = 100;

    private DistributorListing() {
    }

    /** A page of a distributor listing as a {@link CustomerUinPage}: Total present, Data present when Total is positive, UINs positive. */
    static CustomerUinPage page(String action, Long total, List<Long> uins, long page, String requestId) {
        String where = "page " + page;
        if (total == null || total < 0) {
            throw CustomerListing.inconsistent(action, where + " has no Total count (Total " + total + ")", requestId);
        }
        if (uins == null) {
            if (total > 0) {
                throw CustomerListing.inconsistent(action, where + " has no Data list but Total is " + total, requestId);
            }
            return new CustomerUinPage(total, List.of());
        }
        for (int i = 0; i < uins.size(); i++) {
            if (uins.get(i) == null || uins.get(i) < 1) {
                throw CustomerListing.inconsistent(action, where + ": Data[" + i + "] has UIN " + uins.get(i)
                        + ", not a positive integer UIN", requestId);
            }
        }
        return new CustomerUinPage(total, uins);
    }

    /** Every UIN of the configured types, direct customers first, then each second-level reseller and then its customers. */
    static List<ListedCustomer> all(Set<CustomerType> types, Function<Long, List<Long>> customers,
                                    Function<Long, List<Long>> subAgents, BiFunction<Long, Long, List<Long>> indirect,
                                    long pageSize) {
        List<ListedCustomer> listed = new ArrayList<>();
        if (types.contains(CustomerType.CUSTOMER)) {
            customers.apply(pageSize).forEach(uin -> listed.add(new ListedCustomer(uin, CustomerType.CUSTOMER, null)));
        }
        if (types.contains(CustomerType.RESELLER) || types.contains(CustomerType.RESELLER_CUSTOMER)) {
            long distributorPageSize = Math.min(pageSize, MAX_PAGE_SIZE);
            for (long reseller : subAgents.apply(distributorPageSize)) {
                if (types.contains(CustomerType.RESELLER)) {
                    listed.add(new ListedCustomer(reseller, CustomerType.RESELLER, null));
                }
                if (types.contains(CustomerType.RESELLER_CUSTOMER)) {
                    indirect.apply(reseller, distributorPageSize).forEach(uin ->
                            listed.add(new ListedCustomer(uin, CustomerType.RESELLER_CUSTOMER, reseller)));
                }
            }
        }
        Map<Long, ListedCustomer> seen = new HashMap<>();
        for (ListedCustomer customer : listed) {
            ListedCustomer first = seen.putIfAbsent(customer.customerUin(), customer);
            if (first != null) {
                throw CustomerListing.inconsistent(SUB_AGENTS, "UIN " + customer.customerUin() + " is listed as "
                        + first.type() + " and as " + customer.type() + "; its files would be asked for twice", null);
            }
        }
        return List.copyOf(listed);
    }
}
