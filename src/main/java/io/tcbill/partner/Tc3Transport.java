package io.tcbill.partner;

import io.tcbill.ConnectionFailure;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One signed {@code POST /} to the Partner API and its envelope, as a {@code Response} node or a classified
 * {@link PartnerApiException}. Signs for the configured service, never for a name taken from the host
 * (partner-api.md §2), so a local simulator or an egress gateway works.
 */
final class Tc3Transport {

    private final ApiProperties properties;
    private final URI endpoint;
    private final String host;
    private final HttpClient http;
    private final JsonMapper json;
    private final Clock clock;

    Tc3Transport(ApiProperties properties, JsonMapper json, Clock clock) {
        this.properties = properties;
        this.endpoint = withRootPath(properties.endpoint());
        this.host = hostHeader(endpoint);
        this.json = json;
        this.clock = clock;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(properties.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** Sends one request; returns the {@code Response} object of a successful envelope. */
    JsonNode post(String action, String body) {
        long timestamp = clock.instant().getEpochSecond();
        String authorization = Tc3Signer.authorization(properties.secretId(), properties.secretKey(),
                properties.service(), host, timestamp, body);
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint)
                .timeout(properties.readTimeout())
                .header("Content-Type", Tc3Signer.CONTENT_TYPE)
                .header("X-TC-Action", action)
                .header("X-TC-Version", properties.version())
                .header("X-TC-Timestamp", Long.toString(timestamp))
                .header("Authorization", authorization)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (properties.region() != null && !properties.region().isBlank()) {
            request.header("X-TC-Region", properties.region());
        }
        HttpResponse<String> response = exchange(action, request.build());
        return envelope(action, response.statusCode(), response.body());
    }

    /**
     * Sends and reads the whole answer within {@code tcbill.api.response-timeout}: the request's own timeout
     * ({@code read-timeout}) ends when the headers arrive, so a body that stalls half-way would otherwise be waited
     * for forever. On timeout or interrupt the exchange is cancelled, which closes its connection.
     */
    private HttpResponse<String> exchange(String action, HttpRequest request) {
        CompletableFuture<HttpResponse<String>> answer =
                http.sendAsync(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        try {
            return answer.get(properties.responseTimeout().toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            answer.cancel(true);
            throw failure(action, ApiErrors.TIMEOUT, "no complete answer from " + host + " within "
                    + properties.responseTimeout().toMillis() + " ms (tcbill.api.response-timeout)", e);
        } catch (InterruptedException e) {
            answer.cancel(true);
            Thread.currentThread().interrupt();
            throw new PartnerApiException(action, ApiErrors.INTERRUPTED, "interrupted", null, false, e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof HttpConnectTimeoutException) {
                throw failure(action, ApiErrors.TIMEOUT, "no connection to " + host + " within "
                        + properties.connectTimeout().toMillis() + " ms (tcbill.api.connect-timeout)", cause);
            }
            if (cause instanceof HttpTimeoutException) {
                throw failure(action, ApiErrors.TIMEOUT, "no answer from " + host + " within "
                        + properties.readTimeout().toMillis() + " ms (tcbill.api.read-timeout)", cause);
            }
            ConnectionFailure connection = ConnectionFailure.of(cause);
            if (connection != null && connection.kind() == ConnectionFailure.Kind.TIMEOUT) {
                throw failure(action, ApiErrors.TIMEOUT, "no connection to " + host + " within "
                        + properties.connectTimeout().toMillis() + " ms (tcbill.api.connect-timeout)", cause);
            }
            if (connection != null) {
                throw failure(action, ApiErrors.connectionCode(connection.kind()),
                        connection.describe(properties.endpoint(), "tcbill.api.endpoint"), cause);
            }
            if (cause instanceof IOException) {
                throw failure(action, ApiErrors.NETWORK_ERROR, "I/O error talking to " + host + ": " + cause, cause);
            }
            throw failure(action, ApiErrors.NETWORK_ERROR, "error talking to " + host + ": " + cause, cause);
        }
    }

    /** The Host header exactly as {@code java.net.http} sends it: the port only when not the scheme's default. */
    static String hostHeader(URI uri) {
        int port = uri.getPort();
        boolean secure = "https".equalsIgnoreCase(uri.getScheme());
        boolean defaultPort = port == -1 || (secure ? port == 443 : port == 80);
        return defaultPort ? uri.getHost() : uri.getHost() + ":" + port;
    }

    private JsonNode envelope(String action, int status, String body) {
        if (status != 200) {
            String code = ApiErrors.httpStatusCode(status);
            throw failure(action, code, "the endpoint " + host + " answered HTTP " + status, null);
        }
        JsonNode response;
        try {
            response = json.readTree(body).path("Response");
        } catch (JacksonException e) {
            throw failure(action, ApiErrors.INVALID_RESPONSE, "the answer of " + host + " is not JSON", null);
        }
        if (!response.isObject()) {
            throw failure(action, ApiErrors.INVALID_RESPONSE, "the answer of " + host + " has no Response object", null);
        }
        JsonNode error = response.path("Error");
        if (error.isObject()) {
            String code = ApiErrors.codeOf(error.path("Code").asString("UnknownError"));
            String message = redactKey(ApiErrors.printable(error.path("Message").asString("")));
            String requestId = response.path("RequestId").asString(null);
            throw new PartnerApiException(action, code, message, requestId == null ? null : ApiErrors.printable(requestId),
                    ApiErrors.isTransient(code));
        }
        return response;
    }

    private PartnerApiException failure(String action, String code, String message, Throwable cause) {
        return new PartnerApiException(action, code, redactKey(message), null, ApiErrors.isTransient(code), cause);
    }

    /** The API's text without the key pair: the secret key never, and not the secret id either (it names the account). */
    private String redactKey(String text) {
        String redacted = text;
        for (String secret : new String[] {properties.secretKey(), properties.secretId()}) {
            if (secret != null && !secret.isBlank()) {
                redacted = redacted.replace(secret, "<redacted>");
            }
        }
        return redacted;
    }

    private static URI withRootPath(URI uri) {
        String path = uri.getRawPath();
        return path == null || path.isEmpty() ? uri.resolve("/") : uri;
    }
}
