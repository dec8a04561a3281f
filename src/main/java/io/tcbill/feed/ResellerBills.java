package io.tcbill.feed;

import java.util.Locale;

/**
 * How a reseller asks for its customers' L2/L3 bills ({@code tcbill.job.reseller-bills}).
 */
public enum ResellerBills {

    /** One file per customer ({@link Feed.SourceKind#CUSTOMER}). */
    FILES,
    /** One ZIP of every customer ({@link Feed.SourceKind#PACK}), for feeds that have a pack source. */
    PACK;

    /** The value written as in configuration: {@code files} or {@code pack}. */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
