package io.tcbill.feed;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Who the Partner API account is ({@code tcbill.api.role}, and a descriptor's {@code roles:} list): it decides which
 * feeds a run pulls by default and whether files are asked for per customer.
 */
public enum Role {

    /** The account's own bills only ({@code own} sources). */
    CUSTOMER,
    /** The reseller's customers' bills, its commission, summaries and vouchers. */
    RESELLER;

    /** The role written as in configuration: {@code customer} or {@code reseller}. */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The role named {@code value} (any case, surrounding blanks ignored), or an error listing the roles. */
    public static Role of(String value, String where) {
        String name = value == null ? "" : value.trim().toUpperCase(Locale.ROOT);
        return Arrays.stream(values()).filter(role -> role.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(where + " must be " + allowed() + ", not '" + value + "'"));
    }

    /** The allowed values as configuration spells them: {@code customer or reseller}. */
    static String allowed() {
        return Arrays.stream(values()).map(Role::toString).collect(Collectors.joining(" or "));
    }
}
