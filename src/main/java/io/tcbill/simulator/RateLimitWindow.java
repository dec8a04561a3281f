package io.tcbill.simulator;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * One action's limit of N requests per sliding second (partner-api.md §6.4). It remembers every arrival of the last
 * second, to report the busiest second, and every accepted call, to refuse the one beyond the limit.
 */
final class RateLimitWindow {

    private static final long WINDOW_NANOS = 1_000_000_000L;

    private final int limit;
    private final Deque<Long> arrivals = new ArrayDeque<>();
    private final Deque<Long> accepted = new ArrayDeque<>();

    RateLimitWindow(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("a rate limit must be >= 1 per second, was " + limit);
        }
        this.limit = limit;
    }

    /** Whether a call may proceed, and how many arrived within the last second (this one and refused ones included). */
    record Admission(boolean allowed, int arrivalsInLastSecond) {
    }

    /** Records an arrival at {@code nanos} (a {@link System#nanoTime()} reading). */
    synchronized Admission tryAcquire(long nanos) {
        evict(arrivals, nanos);
        evict(accepted, nanos);
        arrivals.addLast(nanos);
        if (accepted.size() >= limit) {
            return new Admission(false, arrivals.size());
        }
        accepted.addLast(nanos);
        return new Admission(true, arrivals.size());
    }

    int limit() {
        return limit;
    }

    private static void evict(Deque<Long> times, long now) {
        while (!times.isEmpty() && now - times.peekFirst() >= WINDOW_NANOS) {
            times.removeFirst();
        }
    }
}
