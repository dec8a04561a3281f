package io.tcbill.transfer;

import io.tcbill.feed.Feed;
import io.tcbill.partner.CustomerType;
import java.util.Objects;
import java.time.YearMonth;

/**
 * One file of a feed to archive: the month, and for whom it is asked ({@link Feed.SourceKind}: the own account, one
 * customer, or the pack of all customers).
 *
 * @param customerUin  the customer of a {@link Feed.SourceKind#CUSTOMER} file; null otherwise
 * @param customerType whose bill a customer's file is (sent as {@code CustomerUinType}); {@code Customer} unless a
 *                     distributor listed the UIN as a second-level reseller or its customer
 */
public record FeedFile(Feed feed, Feed.SourceKind kind, YearMonth month, Long customerUin, CustomerType customerType) {

    public FeedFile {
        Objects.requireNonNull(customerType, "customerType");
    }

    /** A file of a direct customer (or the own account, or a pack). */
    public FeedFile(Feed feed, Feed.SourceKind kind, YearMonth month, Long customerUin) {
        this(feed, kind, month, customerUin, CustomerType.CUSTOMER);
    }

    /** Where it goes in the raw zone. */
    public RawTarget target() {
        return new RawTarget(feed.name(), month, customerUin);
    }

    /** {@code l3 2024-05 for customer 800000425835}, {@code ... for own account} or {@code ... for all customers (pack)}. */
    @Override
    public String toString() {
        return feed.name() + " " + month + " for " + (kind == Feed.SourceKind.PACK ? "all customers (pack)"
                : customerUin == null ? "own account" : "customer " + customerUin);
    }
}
