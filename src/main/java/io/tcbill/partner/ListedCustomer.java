package io.tcbill.partner;

import java.util.Objects;

/**
 * One UIN whose bills the account pulls, as a listing action named it.
 *
 * @param customerUin the UIN
 * @param type        whose bill it is, sent as {@code CustomerUinType} when its files are asked for
 * @param resellerUin the second-level reseller a {@link CustomerType#RESELLER_CUSTOMER} belongs to; null otherwise
 */
public record ListedCustomer(long customerUin, CustomerType type, Long resellerUin) {

    public ListedCustomer {
        Objects.requireNonNull(type, "type");
        if ((type == CustomerType.RESELLER_CUSTOMER) != (resellerUin != null)) {
            throw new IllegalArgumentException("customer " + customerUin + " of type " + type
                    + (resellerUin == null ? " needs its second-level reseller" : " has no second-level reseller"));
        }
    }
}
