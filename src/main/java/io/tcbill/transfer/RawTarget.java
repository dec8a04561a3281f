package io.tcbill.transfer;

import java.time.YearMonth;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What a raw file is: the feed, the bill month and whose bill it is.
 *
 * @param feed        feed name as in {@code jobs/}, e.g. {@code l3}
 * @param month       bill month
 * @param customerUin the customer's UIN, or {@code null} for the caller's own bill (or a pack of all customers)
 */
public record RawTarget(String feed, YearMonth month, Long customerUin) {

    private static final Pattern FEED = Pattern.compile("[a-z0-9][a-z0-9_-]*");

    public RawTarget {
        Objects.requireNonNull(month, "month");
        if (feed == null || !FEED.matcher(feed).matches()) {
            throw new IllegalArgumentException("feed must match " + FEED + ", was " + feed);
        }
    }

    /** {@code l3 2024-05 customer 800000425835} or {@code l3 2024-05 self}, for logs and messages. */
    @Override
    public String toString() {
        return feed + " " + month + " " + (customerUin == null ? "self" : "customer " + customerUin);
    }
}
