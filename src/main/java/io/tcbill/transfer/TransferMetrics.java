package io.tcbill.transfer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.time.Duration;

/**
 * What the transfer stage reports to Micrometer: bytes archived and archive durations per feed, and retries of
 * downloads and uploads. Built without a registry (bench, tests) it records nothing.
 */
final class TransferMetrics {

    private final MeterRegistry registry;

    TransferMetrics(MeterRegistry registry) {
        this.registry = registry == null ? new CompositeMeterRegistry() : registry;
    }

    /** An archive that ended, {@code bytes} stored (0 when it failed). */
    void archived(RawTarget target, String source, long bytes, Duration took, boolean succeeded) {
        Counter.builder("tcbill.transfer.bytes").description("bytes archived into the raw zone")
                .baseUnit("bytes").tag("feed", target.feed()).tag("source", source)
                .register(registry).increment(bytes);
        Timer.builder("tcbill.transfer.duration").description("time to archive one file, waiting for its link included")
                .tag("feed", target.feed()).tag("source", source).tag("outcome", succeeded ? "success" : "failure")
                .register(registry).record(took);
    }

    /** A failed download or upload attempt that is tried again ({@code what}: download or upload). */
    void retried(String what, RawTarget target) {
        Counter.builder("tcbill.retries").description("attempts tried again after a transient failure")
                .tag("what", what).tag("action", target.feed()).register(registry).increment();
    }
}
