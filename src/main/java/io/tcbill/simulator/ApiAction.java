package io.tcbill.simulator;

import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * One simulated API action: its name, documented rate limit, accepted parameters and the code it answers for a bad
 * value, and the handler that turns checked parameters into the {@code Response} fields.
 */
record ApiAction(String name, int requestsPerSecond, Set<String> parameters, String invalidValueCode,
                 Function<RequestParams, Map<String, Object>> handler) {

    /** The same action with another limit, e.g. one a test configured with {@link SimulatorConfig#withRateLimit}. */
    ApiAction withRequestsPerSecond(int limit) {
        return new ApiAction(name, limit, parameters, invalidValueCode, handler);
    }
}
