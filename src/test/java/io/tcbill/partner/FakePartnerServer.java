package io.tcbill.partner;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A real HTTP server on 127.0.0.1 that checks each request's TC3 signature by recomputing it for service
 * {@code intlpartnersmgt} and the Host header it received, records what arrived, and answers scripted envelopes.
 */
final class FakePartnerServer implements AutoCloseable {

    static final String SECRET_ID = "AKIDfakeSecretId0000000000000000000";
    static final String SECRET_KEY = "fakeSecretKeyThatMustNeverLeak123";

    /** One request as the server saw it. */
    record Received(String action, String version, String host, String authorization, String body,
                    long arrivalNanos, boolean signatureValid) {
    }

    /** What to answer: an HTTP status, a body, and an optional delay before answering. */
    record Answer(int status, String body, long delayMillis) {
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(8);
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Map<String, Deque<Answer>> scripts = new ConcurrentHashMap<>();

    FakePartnerServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Answers for the next requests of an action, in order; afterwards {@link #ok(String)} with an empty object. */
    synchronized void script(String action, Answer... answers) {
        scripts.computeIfAbsent(action, a -> new ArrayDeque<>()).addAll(List.of(answers));
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    static Answer ok(String fields) {
        String sep = fields.isBlank() ? "" : ",";
        return new Answer(200, "{\"Response\":{" + fields + sep + "\"RequestId\":\"" + UUID.randomUUID() + "\"}}", 0);
    }

    static Answer error(String code, String message) {
        return new Answer(200, "{\"Response\":{\"Error\":{\"Code\":\"" + code + "\",\"Message\":\"" + message
                + "\"},\"RequestId\":\"req-" + code + "\"}}", 0);
    }

    static Answer status(int status) {
        return new Answer(status, "<html>gateway says " + status + "</html>", 0);
    }

    static Answer delayed(Answer answer, long millis) {
        return new Answer(answer.status(), answer.body(), millis);
    }

    private void handle(HttpExchange exchange) throws IOException {
        long arrival = System.nanoTime();
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        var headers = exchange.getRequestHeaders();
        String action = headers.getFirst("X-TC-Action");
        String host = headers.getFirst("Host");
        String authorization = headers.getFirst("Authorization");
        boolean valid = signatureValid(host, headers.getFirst("Content-Type"), headers.getFirst("X-TC-Timestamp"),
                authorization, body);
        received.add(new Received(action, headers.getFirst("X-TC-Version"), host, authorization, body, arrival, valid));
        Answer answer = valid ? next(action)
                : error("AuthFailure.SignatureFailure", "The provided credentials could not be validated.");
        if (answer.delayMillis() > 0) {
            try {
                Thread.sleep(answer.delayMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        try (OutputStream out = exchange.getResponseBody()) {
            exchange.sendResponseHeaders(answer.status(), bytes.length);
            out.write(bytes);
        } catch (IOException e) {
            // the client gave up (timeout test); nothing to answer
        }
    }

    private Answer next(String action) {
        Deque<Answer> script = scripts.get(action);
        synchronized (this) {
            Answer answer = script == null ? null : script.poll();
            return answer != null ? answer : ok("");
        }
    }

    private static boolean signatureValid(String host, String contentType, String timestamp, String authorization,
                                          String body) {
        if (host == null || timestamp == null || authorization == null || !Tc3Signer.CONTENT_TYPE.equals(contentType)) {
            return false;
        }
        String expected = Tc3Signer.authorization(SECRET_ID, SECRET_KEY, "intlpartnersmgt", host,
                Long.parseLong(timestamp), body);
        return expected.equals(authorization);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
