package io.tcbill.load;

import java.util.Objects;

/**
 * One row of {@code customer_month} as a listing gave it.
 *
 * @param customerUin  the UIN
 * @param customerType its {@code CustomerUinType}: {@code Customer}, {@code Reseller} or {@code ResellerCustomer}
 * @param resellerUin  the second-level reseller of a {@code ResellerCustomer}; null otherwise
 */
public record MonthCustomer(long customerUin, String customerType, Long resellerUin) {

    public MonthCustomer {
        Objects.requireNonNull(customerType, "customerType");
    }

    /** A direct customer of the reseller. */
    public static MonthCustomer direct(long customerUin) {
        return new MonthCustomer(customerUin, "Customer", null);
    }
}
