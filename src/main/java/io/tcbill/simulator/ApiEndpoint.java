package io.tcbill.simulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /}: the API envelope. Checks, in order: TC3 authentication, {@code X-TC-Version}, a known
 * {@code X-TC-Action}, the action's rate limit, injected faults, then the action's parameters. Always HTTP 200 with
 * {@code {"Response":{...,"RequestId"}}}; errors as {@code Response.Error {Code, Message}} (partner-api.md §6.2).
 */
final class ApiEndpoint implements HttpHandler {

    static final String VERSION = "2022-09-28";
    private static final int MAX_BODY_BYTES = 1 << 20;
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final System.Logger LOG = System.getLogger(ApiEndpoint.class.getName());

    private final ApiAuthenticator authenticator;
    private final Map<String, ApiAction> actions;
    private final Map<String, RateLimitWindow> windows;
    private final SimulatorFaults faults;
    private final SimulatorStats stats;

    ApiEndpoint(ApiAuthenticator authenticator, List<ApiAction> actions, SimulatorFaults faults, SimulatorStats stats) {
        this.authenticator = authenticator;
        this.actions = actions.stream().collect(Collectors.toUnmodifiableMap(ApiAction::name, Function.identity()));
        this.windows = actions.stream().collect(Collectors.toUnmodifiableMap(ApiAction::name,
                a -> new RateLimitWindow(a.requestsPerSecond())));
        this.faults = faults;
        this.stats = stats;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"/".equals(exchange.getRequestURI().getPath())) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            Map<String, Object> response;
            try {
                response = answer(exchange);
            } catch (ApiError e) {
                response = error(e);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "simulator failed to answer an API call", e);
                response = error(new ApiError("InternalError", "The simulator failed: " + e.getClass().getSimpleName()));
            }
            response.put("RequestId", UUID.randomUUID().toString());
            byte[] json = JSON.writeValueAsBytes(Map.of("Response", response));
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, json.length);
            exchange.getResponseBody().write(json);
        }
    }

    private Map<String, Object> error(ApiError e) {
        stats.recordError(e.code());
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("Error", Map.of("Code", e.code(), "Message", e.getMessage()));
        return response;
    }

    private Map<String, Object> answer(HttpExchange exchange) throws IOException {
        if (!"POST".equals(exchange.getRequestMethod())) {
            throw new ApiError("UnsupportedProtocol", "The simulator accepts POST / with a JSON body.");
        }
        String body = readBody(exchange.getRequestBody());
        String actionName = exchange.getRequestHeaders().getFirst("X-TC-Action");
        if (actionName == null || actionName.isBlank()) {
            throw ApiError.missingParameter("X-TC-Action");
        }
        stats.recordRequest(actionName);
        authenticator.verify(exchange.getRequestHeaders(), body);
        String version = exchange.getRequestHeaders().getFirst("X-TC-Version");
        if (!VERSION.equals(version)) {
            throw new ApiError("NoSuchVersion", "The API version `" + version + "` does not exist; use " + VERSION + ".");
        }
        ApiAction action = actions.get(actionName);
        if (action == null) {
            throw new ApiError("InvalidAction", "The action `" + actionName + "` is not found.");
        }
        RateLimitWindow.Admission admission = windows.get(actionName).tryAcquire(System.nanoTime());
        stats.recordWindow(actionName, admission.arrivalsInLastSecond());
        if (!admission.allowed()) {
            stats.recordRateLimited(actionName);
            throw new ApiError("RequestLimitExceeded", "The number of requests exceeds the frequency limit ("
                    + action.requestsPerSecond() + "/s for " + actionName + ").");
        }
        ApiError fault = faults.nextApiFault();
        if (fault != null) {
            throw fault;
        }
        RequestParams params = new RequestParams(parse(body), action.parameters(), action.invalidValueCode());
        return new LinkedHashMap<>(action.handler().apply(params));
    }

    private static String readBody(InputStream in) throws IOException {
        byte[] bytes = in.readNBytes(MAX_BODY_BYTES + 1);
        if (bytes.length > MAX_BODY_BYTES) {
            throw new ApiError("RequestSizeLimitExceeded", "The request body exceeds " + MAX_BODY_BYTES + " bytes.");
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static JsonNode parse(String body) {
        try {
            JsonNode node = JSON.readTree(body.isBlank() ? "{}" : body);
            if (!node.isObject()) {
                throw new ApiError("InvalidRequest", "The request body must be a JSON object.");
            }
            return node;
        } catch (JacksonException e) {
            throw new ApiError("InvalidRequest", "The request body is not valid JSON.");
        }
    }
}
