package io.tcbill.statuspage;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The status page on its own small HTTP server ({@code serve}): the JDK's, a few threads, GET and HEAD only; the root
 * redirects to {@value StatusPage#ROOT}.
 */
public final class StatusServer implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService threads;

    private StatusServer(HttpServer server, ExecutorService threads) {
        this.server = server;
        this.threads = threads;
    }

    /** Listens on {@code address} (port 0: any free one) until closed. */
    public static StatusServer start(StatusPage page, InetSocketAddress address) throws IOException {
        HttpServer server = HttpServer.create(address, 0);
        AtomicInteger count = new AtomicInteger();
        ExecutorService threads = Executors.newFixedThreadPool(4, task -> {
            Thread thread = new Thread(task, "tcbill-status-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(threads);
        server.createContext("/", exchange -> answer(page, exchange));
        server.start();
        return new StatusServer(server, threads);
    }

    private static void answer(StatusPage page, HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            StatusPage.Response.HEADERS.forEach(exchange.getResponseHeaders()::set);
            if (!method.equals("GET") && !method.equals("HEAD")) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            if (path.equals("/")) {
                exchange.getResponseHeaders().set("Location", StatusPage.ROOT);
                exchange.sendResponseHeaders(302, -1);
                return;
            }
            StatusPage.Response answer = page.get(path);
            exchange.getResponseHeaders().set("Content-Type", answer.contentType());
            boolean head = method.equals("HEAD");
            exchange.sendResponseHeaders(answer.status(), head ? -1 : answer.body().length == 0 ? -1 : answer.body().length);
            if (!head) {
                try (OutputStream body = exchange.getResponseBody()) {
                    body.write(answer.body());
                }
            }
        }
    }

    /** The port it listens on (the one chosen when started with port 0). */
    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
