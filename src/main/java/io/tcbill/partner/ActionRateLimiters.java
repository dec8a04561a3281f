package io.tcbill.partner;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;

/**
 * One rate limiter per API action, shared by all threads, at the documented QPS (partner-api.md §1.1, §6.4).
 *
 * <p>Requests of one action start at least {@code 1s / QPS × 1.02} apart, measured from the moment the previous
 * request of that action actually left the limiter (not from when it was scheduled), so a late wake-up of one thread
 * never squeezes the gap to the next. Then any {@code QPS + 1} consecutive requests span at least 1.02 s: a server
 * counting per calendar second or per sliding second never sees more than QPS of them in one second unless the time
 * from leaving the limiter to arriving at the server varies by more than 20 ms between two requests (the 2 % margin;
 * a larger margin costs that much throughput of every action, e.g. 200 customers × a 1/s action take 204 s). Rarer,
 * larger jitter is answered {@code RequestLimitExceeded}, which the client retries.
 *
 * <p>The first request of a burst (the first of an action, or one after more than a second of quiet) is the one most
 * likely to arrive late: a cold HTTP client, a new connection, a TLS handshake. It goes alone: the next request of
 * its action waits until it is answered and then one interval more, so its lateness cannot squeeze that gap. This
 * costs one round trip per burst and action.
 *
 * <p>A token bucket or Resilience4j's cycle-based limiter (one permit per {@code 1s/QPS} cycle) does not give that:
 * a permit taken at the end of one cycle and the next at the start of the following cycle start back to back, i.e.
 * QPS + 1 requests can fall into one second, and a 1/s action can send two requests a millisecond apart.
 *
 * <p>Spacing starts is not enough on a loaded machine: a request can leave the limiter on time and still reach the
 * server late, bunched with the next ones (21–23 requests in one second were seen at 2 % and 5 % margins). So each
 * action also keeps a window: a request may start only while fewer than QPS of its requests are in flight or were
 * answered within the last second. A server sees a request after it started and before it was answered, so then no
 * one-second window at the server can hold more than QPS requests, whatever the jitter in between (the proof: the
 * last of QPS + 1 such arrivals would have started while the other QPS were in flight or answered less than a second
 * before). The cost is one round trip per QPS requests.
 *
 * <p>Actions are independent: each has its own fair lock, held only by the threads of that action while they wait
 * their turn; no lock is shared across actions, so a queue of 1/s summary calls never delays a 20/s action.
 */
final class ActionRateLimiters {

    static final double UNKNOWN_ACTION_QPS = 1.0;
    static final double SAFETY_MARGIN = 1.02;
    /** A request after this much more than the interval of quiet starts a new burst. */
    static final long BURST_GAP_NANOS = TimeUnit.SECONDS.toNanos(1);

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
            Map.entry("QueryVoucherListByUin", 5.0),
            Map.entry("QuerySubAgentsDetailV2", 20.0),
            Map.entry("QueryT1IndirectCustomersDetail", 20.0));

    /** Permission to send one request of an action. */
    interface Permit extends AutoCloseable {
        @Override
        void close();
    }

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

    /**
     * Blocks until this action may send its next request. Close the permit, in the same thread, once the request is
     * answered or failed.
     */
    Permit acquire(String action) throws InterruptedException {
        return limiters.computeIfAbsent(action, a -> new Spacer(intervalNanos(qps(a)), qps(a))).acquire();
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

    /** Lets one request of its action go at a time, at least {@code interval} after the previous one went, FIFO. */
    private final class Spacer {
        private final long interval;
        private final ReentrantLock turn = new ReentrantLock(true);
        private final AnsweredWindow window;
        private long lastStart;
        private boolean started;

        Spacer(long interval, double qps) {
            this.interval = interval;
            this.window = new AnsweredWindow(qps, nanoTime);
        }

        Permit acquire() throws InterruptedException {
            turn.lockInterruptibly();
            boolean keepTurn = false;
            try {
                for (long wait = window.waitNanos(); wait > 0; wait = window.waitNanos()) {
                    sleeper.sleep(wait);
                }
                long now = nanoTime.getAsLong();
                boolean burstStart = !started || now - lastStart > interval + BURST_GAP_NANOS;
                // a loop: Thread.sleep may round a sub-millisecond remainder down and wake a little early
                for (long wait = started ? lastStart + interval - now : 0; wait > 0;
                     wait = lastStart + interval - nanoTime.getAsLong()) {
                    sleeper.sleep(wait);
                }
                lastStart = nanoTime.getAsLong();
                started = true;
                keepTurn = burstStart;
                window.started();
                return keepTurn ? new BurstProbe() : new Answered();
            } finally {
                if (!keepTurn) {
                    turn.unlock();
                }
            }
        }

        /** Records when the request was answered, for the window. */
        private final class Answered implements Permit {
            private boolean closed;

            @Override
            public void close() {
                if (!closed) {
                    closed = true;
                    window.answered();
                }
            }
        }

        /** The first request of a burst keeps the turn until it is answered; the next is spaced from then. */
        private final class BurstProbe implements Permit {
            private boolean closed;

            @Override
            public void close() {
                if (!closed) {
                    closed = true;
                    window.answered();
                    lastStart = nanoTime.getAsLong();
                    turn.unlock();
                }
            }
        }
    }
}
