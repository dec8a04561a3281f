package io.tcbill.partner;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Partner API errors by action and code (every failed attempt, retried or not) and retries by action, as Micrometer
 * counters. A registry without children (the client built outside Spring) records nothing.
 */
final class ApiMetrics {

    private final MeterRegistry registry;

    ApiMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Counts the error and returns it, for {@code throw metrics.failed(e)}. */
    PartnerApiException failed(PartnerApiException e) {
        Counter.builder("tcbill.api.errors").description("Partner API calls that failed, by action and error code")
                .tag("action", e.action()).tag("code", e.code()).tag("transient", Boolean.toString(e.isTransient()))
                .register(registry).increment();
        return e;
    }

    /** A transient error that the client tries again. */
    void retried(PartnerApiException e) {
        Counter.builder("tcbill.retries").description("attempts tried again after a transient failure")
                .tag("what", "api").tag("action", e.action()).register(registry).increment();
    }
}
