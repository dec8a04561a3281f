package io.tcbill.partner;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The {@code CustomerUinType} of {@code DescribeCustomerBillDownloadUrl} (partner-api.md §1.1): whose bill a UIN's
 * file is. A reseller's customers are {@link #CUSTOMER}; a distributor also bills its second-level resellers
 * ({@link #RESELLER}) and their customers ({@link #RESELLER_CUSTOMER}).
 */
public enum CustomerType {

    /** A direct customer, listed by {@code DescribeCustomerUin}. */
    CUSTOMER("Customer"),
    /** A distributor's second-level reseller, listed by {@code QuerySubAgentsDetailV2}. */
    RESELLER("Reseller"),
    /** A customer of a second-level reseller, listed by {@code QueryT1IndirectCustomersDetail}. */
    RESELLER_CUSTOMER("ResellerCustomer");

    private final String apiName;

    CustomerType(String apiName) {
        this.apiName = apiName;
    }

    /** The value as the API and the configuration spell it: {@code Customer}, {@code Reseller}, {@code ResellerCustomer}. */
    public String apiName() {
        return apiName;
    }

    @Override
    public String toString() {
        return apiName;
    }

    /** The type spelled {@code value} (as the API spells it, any case, blanks around it ignored), or an error naming {@code where}. */
    public static CustomerType of(String value, String where) {
        String name = value == null ? "" : value.trim();
        return Arrays.stream(values()).filter(type -> type.apiName.equalsIgnoreCase(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(where + " lists '" + value + "', which is not one of "
                        + Arrays.stream(values()).map(CustomerType::apiName).collect(Collectors.joining(", "))));
    }
}
