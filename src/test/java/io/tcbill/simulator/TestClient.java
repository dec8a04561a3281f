package io.tcbill.simulator;

import io.tcbill.partner.Tc3Signer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A minimal signed Partner API client over real HTTP, as a pipeline would call the simulator. */
final class TestClient {

    /** Who signs and how: credentials, service in the credential scope, clock skew, signed headers. */
    record Signing(String secretId, String secretKey, String service, long skewSeconds, boolean signAction) {
        static Signing demo() {
            return new Signing(SimulatorConfig.DEMO_SECRET_ID, SimulatorConfig.DEMO_SECRET_KEY, "intlpartnersmgt", 0, false);
        }
    }

    /** Floats as BigDecimal, so voucher amounts (JSON numbers) are compared exactly. */
    private static final JsonMapper JSON = JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final PartnerSimulator simulator;
    private final Clock clock;

    TestClient(PartnerSimulator simulator, Clock clock) {
        this.simulator = simulator;
        this.clock = clock;
    }

    /** Calls an action signed with the demo credentials and returns {@code Response}. */
    JsonNode call(String action, String body) {
        return callAs(Signing.demo(), action, body);
    }

    JsonNode callAs(Signing signing, String action, String body) {
        return callAsync(signing, action, body, "2022-09-28").join();
    }

    CompletableFuture<JsonNode> callAsync(Signing signing, String action, String body, String version) {
        long timestamp = clock.instant().getEpochSecond() + signing.skewSeconds();
        String host = "127.0.0.1:" + simulator.port();
        String authorization = signing.signAction()
                ? Tc3Signer.authorization(signing.secretId(), signing.secretKey(), signing.service(),
                "content-type:" + Tc3Signer.CONTENT_TYPE + "\nhost:" + host + "\nx-tc-action:" + action.toLowerCase() + "\n",
                "content-type;host;x-tc-action", timestamp, body)
                : Tc3Signer.authorization(signing.secretId(), signing.secretKey(), signing.service(), host, timestamp, body);
        return post(action, body, timestamp, authorization, version);
    }

    /** A raw POST; a null authorization sends none. */
    CompletableFuture<JsonNode> post(String action, String body, long timestamp, String authorization, String version) {
        HttpRequest.Builder request = HttpRequest.newBuilder(simulator.endpoint().resolve("/"))
                .header("Content-Type", Tc3Signer.CONTENT_TYPE)
                .header("X-TC-Action", action)
                .header("X-TC-Version", version)
                .header("X-TC-Timestamp", Long.toString(timestamp))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString()).thenApply(response -> {
            if (response.statusCode() != 200) {
                throw new IllegalStateException("API answered HTTP " + response.statusCode());
            }
            return JSON.readTree(response.body()).get("Response");
        });
    }

    /** Polls until {@code Ready:1} (at most 10 calls) and returns the download URL. */
    String awaitUrl(String action, String body) {
        for (int i = 0; i < 10; i++) {
            JsonNode response = call(action, body);
            if (response.has("Error")) {
                throw new IllegalStateException("API error " + response.get("Error"));
            }
            if (response.get("Ready").asInt() == 1) {
                return response.get("DownloadUrl").asString();
            }
        }
        throw new IllegalStateException("file never became ready");
    }

    HttpResponse<byte[]> download(String url, String range) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).GET();
        if (range != null) {
            request.header("Range", range);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String errorCode(JsonNode response) {
        JsonNode error = response.get("Error");
        return error == null ? null : error.get("Code").asString();
    }
}
