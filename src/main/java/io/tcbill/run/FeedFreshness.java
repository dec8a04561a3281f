package io.tcbill.run;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How fresh each feed is, as two gauges per feed that never go back. {@code tcbill.feed.last.success}: when a run of the
 * feed last completed, whatever its month (a backfill of an old month counts: it says the feed still works).
 * {@code tcbill.feed.newest.complete.month}: the end of the newest month the feed has completed for all customers
 * (00:00 UTC on the first day of the month after, epoch seconds); a backfill of an older month or a run limited to some
 * customers leaves it, so {@code time() - gauge} is how long the newest loaded month has been over, which is what a
 * "the data is late" alert needs.
 */
final class FeedFreshness {

    private final MeterRegistry registry;
    private final Map<String, AtomicLong> lastSuccess = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> newestMonth = new ConcurrentHashMap<>();

    FeedFreshness(MeterRegistry registry) {
        this.registry = registry;
    }

    /** A run of {@code feed} for {@code month} that completed at {@code end} (local time, as Batch stores it). */
    void completed(String feed, YearMonth month, boolean allCustomers, LocalDateTime end) {
        succeeded(feed, end);
        if (allCustomers) {
            covered(feed, month);
        }
    }

    /** A run of the feed (any month) completed at {@code end}. */
    void succeeded(String feed, LocalDateTime end) {
        gauge(lastSuccess, "tcbill.feed.last.success", feed,
                "when a run of the feed last completed, whatever its month (epoch seconds)")
                .accumulateAndGet(end.atZone(ZoneId.systemDefault()).toEpochSecond(), Math::max);
    }

    /** The feed has {@code month} complete for all customers. */
    void covered(String feed, YearMonth month) {
        gauge(newestMonth, "tcbill.feed.newest.complete.month", feed,
                "end of the newest month the feed completed for all customers (epoch seconds, UTC)")
                .accumulateAndGet(endOf(month), Math::max);
    }

    /** 00:00 UTC on the first day of the month after {@code month}, in epoch seconds. */
    static long endOf(YearMonth month) {
        return month.plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toEpochSecond();
    }

    private AtomicLong gauge(Map<String, AtomicLong> gauges, String name, String feed, String description) {
        return gauges.computeIfAbsent(feed, f -> {
            AtomicLong holder = new AtomicLong();
            Gauge.builder(name, holder, AtomicLong::doubleValue).description(description).baseUnit("seconds")
                    .tag("feed", f).register(registry);
            return holder;
        });
    }
}
