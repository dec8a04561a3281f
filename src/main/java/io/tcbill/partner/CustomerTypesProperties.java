package io.tcbill.partner;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code tcbill.api.customer-types}: whose bills a reseller-role account pulls, as {@code CustomerUinType} values. A
 * reseller pulls {@code Customer} (the default); a distributor lists {@code Customer,Reseller,ResellerCustomer} to pull
 * its direct customers, its second-level resellers and their customers too. An unknown value, an empty list or a
 * value listed twice stops every command at start-up (exit 3), naming the setting.
 *
 * @param customerTypes the types as configured, e.g. {@code Customer,Reseller,ResellerCustomer}
 */
@ConfigurationProperties("tcbill.api")
public record CustomerTypesProperties(@DefaultValue("Customer") List<String> customerTypes) {

    static final String SETTING = "tcbill.api.customer-types";

    public CustomerTypesProperties {
        customerTypes = customerTypes == null ? List.of("Customer") : List.copyOf(customerTypes);
        types(customerTypes);
    }

    /** The configured types, checked. */
    public Set<CustomerType> types() {
        return types(customerTypes);
    }

    /** Whether more than direct customers are pulled (a distributor's configuration). */
    public boolean distributor() {
        return !types().equals(EnumSet.of(CustomerType.CUSTOMER));
    }

    private static Set<CustomerType> types(List<String> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException(SETTING + " is empty; list one or more of Customer, Reseller,"
                    + " ResellerCustomer (e.g. Customer,Reseller,ResellerCustomer for a distributor)");
        }
        List<CustomerType> types = new ArrayList<>();
        for (String value : values) {
            CustomerType type = CustomerType.of(value, SETTING);
            if (types.contains(type)) {
                throw new IllegalArgumentException(SETTING + " lists " + type + " twice");
            }
            types.add(type);
        }
        return EnumSet.copyOf(types);
    }
}
