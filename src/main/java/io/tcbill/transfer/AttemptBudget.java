package io.tcbill.transfer;

import java.time.Duration;

import io.github.resilience4j.core.IntervalFunction;

/**
 * How many failed attempts one download may have ({@code tcbill.download.max-attempts}, the first attempt included)
 * and how long to wait after each. A failure that made no progress costs a whole attempt; one after which more bytes
 * are safely received than before costs half (a flaky but working link keeps going, yet a link that gives one byte
 * per attempt still ends); a 403 on a link that had delivered bytes costs nothing and is not waited for (the link's
 * hour ran out, a fresh link is the remedy, and each link can expire only once). So a download makes fewer than
 * {@code 4 × max-attempts} requests. Waits grow exponentially from the first backoff, capped at a minute.
 */
final class AttemptBudget {

    /** What a failed attempt costs. */
    enum Cost {
        /** no byte gained */
        FULL(2),
        /** bytes gained before it failed */
        HALF(1),
        /** the link expired after it had delivered bytes */
        NONE(0);

        private final int halves;

        Cost(int halves) {
            this.halves = halves;
        }
    }

    private static final Duration MAX_BACKOFF = Duration.ofMinutes(1);

    private final int maxAttempts;
    private final int allowedHalves;
    private final IntervalFunction backoff;
    private int spentHalves;
    private int failures;

    AttemptBudget(int maxAttempts, Duration firstBackoff) {
        this.maxAttempts = maxAttempts;
        this.allowedHalves = 2 * (maxAttempts - 1);
        this.backoff = IntervalFunction.ofExponentialBackoff(firstBackoff,
                2.0, MAX_BACKOFF.compareTo(firstBackoff) > 0 ? MAX_BACKOFF : firstBackoff);
    }

    /**
     * Books a failed attempt; returns the wait before the next one, or null when the budget is spent.
     */
    Duration fail(Cost cost) {
        failures++;
        spentHalves += cost.halves;
        if (spentHalves > allowedHalves) {
            return null;
        }
        return cost == Cost.NONE ? Duration.ZERO : Duration.ofMillis(backoff.apply(failures));
    }

    /** Failed attempts so far. */
    int failures() {
        return failures;
    }

    int maxAttempts() {
        return maxAttempts;
    }
}
