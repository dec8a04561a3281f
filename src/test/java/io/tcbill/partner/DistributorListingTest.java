package io.tcbill.partner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which listings run for which customer types, in which order, and a UIN listed under two types. */
class DistributorListingTest {

    private static final Map<Long, List<Long>> OF_RESELLER = Map.of(20L, List.of(201L, 202L), 30L, List.of(301L));

    private static List<ListedCustomer> list(Set<CustomerType> types, List<Long> direct) {
        return DistributorListing.all(types, size -> direct, size -> List.of(20L, 30L),
                (reseller, size) -> OF_RESELLER.get(reseller), 100);
    }

    @Test
    void everyTypeIsListedDirectCustomersFirstThenEachResellerAndItsCustomers() {
        assertThat(list(EnumSet.allOf(CustomerType.class), List.of(1L, 2L))).containsExactly(
                new ListedCustomer(1, CustomerType.CUSTOMER, null), new ListedCustomer(2, CustomerType.CUSTOMER, null),
                new ListedCustomer(20, CustomerType.RESELLER, null),
                new ListedCustomer(201, CustomerType.RESELLER_CUSTOMER, 20L),
                new ListedCustomer(202, CustomerType.RESELLER_CUSTOMER, 20L),
                new ListedCustomer(30, CustomerType.RESELLER, null),
                new ListedCustomer(301, CustomerType.RESELLER_CUSTOMER, 30L));
    }

    @Test
    void onlyTheConfiguredTypesAreListed() {
        assertThat(list(EnumSet.of(CustomerType.RESELLER_CUSTOMER), List.of(1L))).extracting(ListedCustomer::customerUin)
                .containsExactly(201L, 202L, 301L);
        assertThat(list(EnumSet.of(CustomerType.CUSTOMER), List.of(1L))).extracting(ListedCustomer::customerUin)
                .containsExactly(1L);
    }

    @Test
    void aUinListedUnderTwoTypesFailsRatherThanBeingPulledTwice() {
        assertThatThrownBy(() -> list(EnumSet.allOf(CustomerType.class), List.of(1L, 201L)))
                .isInstanceOf(PartnerApiException.class)
                .hasMessageContaining("UIN 201 is listed as Customer and as ResellerCustomer");
    }
}
