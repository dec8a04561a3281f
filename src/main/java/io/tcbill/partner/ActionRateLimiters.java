package io.tcbill.partner;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;

/**
 * One rate limiter per API action, shared by all threads, at the documented QPS (partner-api.md §1.1, §6.4).
 *
 * <p>Requests of one action are spaced evenly, at least {@code 1s / QPS × 1.05} apart, so a server counting per
 * calendar second or per sliding second never sees more than QPS requests in one second, even after an idle
 * period and with some scheduling or network jitter (the 5 % margin). A token bucket or Resilience4j's
 * cycle-based limiter (one permit per {@code 1s/QPS} cycle) does not give that: a permit taken at the end of one
 * cycle and the next at the start of the following cycle start back to back, i.e. QPS + 1 requests can fall into
 * one second, and a 1/s action can send two requests a millisecond apart.
 */
final class ActionRateLimiters {

    static final double UNKNOWN_ACTION_QPS = 1.0;
    static final double SAFETY_MARGIN = 1.05;

    static final Map<String, Double> DEFAULT_QPS = Map.ofEntries(
            Map.entry("DescribeBillDownloadUrl", 20.0),
            Map.entry("DescribeCustomerBillDownloadUrl", 20.0),
            Map.entry("DescribeRebateDownloadUrl", 20.0),
            Map.entry("DescribeCustomerUin", 20.0),
            Map.entry("DescribeBillSummary", 1.0),
            Map.entry("DescribeBillSummaryByRegion", 1.0),
            Map.entry("DescribeBillSummaryByProduct", 1.0),
            Map.entry("DescribeBillSummaryByPayMode", 1.0),
            Map.entry("DescribeCustomerBillSummary", 1.0),
            Map.entry("DescribeBillDetail", 1.0),
            Map.entry("DescribeCustomerBillDetail", 5.0),
            Map.entry("DescribeCustomerBillDetailByDay", 20.0),
            Map.entry("DescribeCustomerVoucherList", 20.0),
            Map.entry("DescribeCustomerOwnVoucherList", 20.0),
            Map.entry("DescribeCustomerVoucherUsageDetails", 20.0),
            Map.entry("DescribeCustomerOwnVoucherUsageDetails", 20.0),
            Map.entry("QueryVoucherListByUin", 5.0));

    /** Waits a number of nanoseconds; real time in production, a fake clock in tests. */
    interface NanoSleeper {
        void sleep(long nanos) throws InterruptedException;
    }

    private final Map<String, Double> overrides;
    private final LongSupplier nanoTime;
    private final NanoSleeper sleeper;
    private final ConcurrentMap<String, Spacer> limiters = new ConcurrentHashMap<>();

    ActionRateLimiters(Map<String, Double> overrides) {
        this(overrides, System::nanoTime, TimeUnit.NANOSECONDS::sleep);
    }

    ActionRateLimiters(Map<String, Double> overrides, LongSupplier nanoTime, NanoSleeper sleeper) {
        this.overrides = overrides.entrySet().stream()
                .collect(Collectors.toUnmodifiableMap(e -> normalize(e.getKey()), Map.Entry::getValue, (a, b) -> b));
        this.nanoTime = nanoTime;
        this.sleeper = sleeper;
    }

    /** Blocks until this action may send its next request. */
    void acquire(String action) throws InterruptedException {
        limiters.computeIfAbsent(action, a -> new Spacer(intervalNanos(qps(a)))).acquire();
    }

    /** The configured QPS of an action: override, else documented default, else {@value #UNKNOWN_ACTION_QPS}. */
    double qps(String action) {
        Double override = overrides.get(normalize(action));
        if (override != null) {
            return override;
        }
        return DEFAULT_QPS.getOrDefault(action, UNKNOWN_ACTION_QPS);
    }

    static long intervalNanos(double qps) {
        return (long) Math.ceil(TimeUnit.SECONDS.toNanos(1) / qps * SAFETY_MARGIN);
    }

    /** Relaxed keys: {@code DescribeCustomerUin}, {@code describecustomeruin} and {@code describe-customer-uin} match. */
    private static String normalize(String action) {
        return action.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    }

    /** Hands out start times at least {@code interval} apart, in arrival order. */
    private final class Spacer {
        private final long interval;
        private long nextFree = Long.MIN_VALUE;

        Spacer(long interval) {
            this.interval = interval;
        }

        void acquire() throws InterruptedException {
            long wait;
            synchronized (this) {
                long now = nanoTime.getAsLong();
                long slot = nextFree == Long.MIN_VALUE || now - nextFree > 0 ? now : nextFree;
                nextFree = slot + interval;
                wait = slot - now;
            }
            if (wait > 0) {
                sleeper.sleep(wait);
            }
        }
    }
}
