package io.tcbill.partner;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import tools.jackson.databind.JsonNode;

/**
 * One request of a JSON feed and the API's answer to it, kept verbatim for the raw zone.
 *
 * @param action      the API action, e.g. {@code DescribeBillSummaryByRegion}
 * @param customerUin the customer the request was about
 * @param request     the request body as sent (API spelling: {@code BillMonth}, {@code Page}, …)
 * @param response    the envelope's {@code Response} object as received, {@code RequestId} included; JSON floats are
 *                    exact decimals. Treat it as read-only.
 */
public record ApiAnswer(String action, long customerUin, Map<String, Object> request, JsonNode response) {

    public ApiAnswer {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(response, "response");
        request = request == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(request));
    }
}
