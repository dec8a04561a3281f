package io.tcbill.poll;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How to wait for a bill file to be generated ({@code tcbill.poll.*}).
 *
 * @param initialInterval wait after the first "not ready"
 * @param maxInterval     cap of the wait between polls
 * @param multiplier      growth of the wait per poll (1.0 = constant)
 * @param deadline        give up after this long and report the file as not ready
 */
@ConfigurationProperties("tcbill.poll")
public record PollProperties(
        @DefaultValue("2s") Duration initialInterval,
        @DefaultValue("60s") Duration maxInterval,
        @DefaultValue("2.0") double multiplier,
        @DefaultValue("30m") Duration deadline) {

    public PollProperties {
        initialInterval = initialInterval == null ? Duration.ofSeconds(2) : initialInterval;
        maxInterval = maxInterval == null ? Duration.ofSeconds(60) : maxInterval;
        deadline = deadline == null ? Duration.ofMinutes(30) : deadline;
        if (!positive(initialInterval) || !positive(maxInterval) || !positive(deadline)) {
            throw new IllegalArgumentException("tcbill.poll intervals and deadline must be positive");
        }
        if (maxInterval.compareTo(initialInterval) < 0) {
            throw new IllegalArgumentException("tcbill.poll.max-interval " + maxInterval
                    + " is shorter than tcbill.poll.initial-interval " + initialInterval);
        }
        if (!(multiplier >= 1.0) || Double.isInfinite(multiplier)) {
            throw new IllegalArgumentException("tcbill.poll.multiplier must be at least 1.0, not " + multiplier);
        }
    }

    private static boolean positive(Duration d) {
        return !d.isNegative() && !d.isZero();
    }
}
