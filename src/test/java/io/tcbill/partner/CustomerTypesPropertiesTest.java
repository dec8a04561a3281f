package io.tcbill.partner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code tcbill.api.customer-types}: the API's spellings only, each once, at least one; Customer alone by default. */
class CustomerTypesPropertiesTest {

    @Test
    void aResellerPullsItsDirectCustomersByDefault() {
        CustomerTypesProperties properties = new CustomerTypesProperties(null);

        assertThat(properties.types()).containsExactly(CustomerType.CUSTOMER);
        assertThat(properties.distributor()).isFalse();
    }

    @Test
    void aDistributorListsAllThreeInAnyCaseWithBlanks() {
        CustomerTypesProperties properties = new CustomerTypesProperties(List.of("Customer", " reseller ", "RESELLERCUSTOMER"));

        assertThat(properties.types()).isEqualTo(EnumSet.allOf(CustomerType.class));
        assertThat(properties.distributor()).isTrue();
    }

    @Test
    void anUnknownTypeIsRefusedNamingTheSettingAndTheAllowedValues() {
        assertThatThrownBy(() -> new CustomerTypesProperties(List.of("Customer", "SubReseller")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("tcbill.api.customer-types lists 'SubReseller', which is not one of Customer, Reseller,"
                        + " ResellerCustomer");
    }

    @Test
    void anEmptyListOrATypeListedTwiceIsRefused() {
        assertThatThrownBy(() -> new CustomerTypesProperties(List.of())).hasMessageStartingWith("tcbill.api.customer-types is empty");
        assertThatThrownBy(() -> new CustomerTypesProperties(List.of("Reseller", "reseller")))
                .hasMessage("tcbill.api.customer-types lists Reseller twice");
    }
}
