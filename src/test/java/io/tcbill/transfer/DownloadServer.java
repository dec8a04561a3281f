package io.tcbill.transfer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;

/** A download host for tests: JDK HttpServer on 127.0.0.1, counting every request it receives. */
final class DownloadServer implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final AtomicInteger requests = new AtomicInteger();

    DownloadServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor);
        server.start();
    }

    DownloadServer route(String path, HttpHandler handler) {
        server.createContext(path, exchange -> {
            requests.incrementAndGet();
            try (exchange) {
                handler.handle(exchange);
            }
        });
        return this;
    }

    String url(String pathAndQuery) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + pathAndQuery;
    }

    int port() {
        return server.getAddress().getPort();
    }

    int requests() {
        return requests.get();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    static HttpHandler bytes(byte[] body) {
        return exchange -> {
            exchange.sendResponseHeaders(200, body.length == 0 ? -1 : body.length);
            exchange.getResponseBody().write(body);
        };
    }

    static HttpHandler status(int status) {
        return exchange -> {
            byte[] body = ("<Error><Code>" + status + "</Code></Error>").getBytes();
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
        };
    }

    /** Announces {@code announced} bytes, sends {@code sent}, then drops the connection. */
    static HttpHandler truncated(long announced, long sent) {
        return exchange -> {
            exchange.sendResponseHeaders(200, announced);
            OutputStream out = exchange.getResponseBody();
            byte[] chunk = new byte[64 * 1024];
            for (long left = sent; left > 0; left -= chunk.length) {
                out.write(chunk, 0, (int) Math.min(chunk.length, left));
            }
            out.flush();
            abort(exchange);
        };
    }

    /** Announces {@code announced} bytes, sends {@code sent}, then goes silent for {@code silenceMillis}. */
    static HttpHandler stalling(long announced, int sent, long silenceMillis) {
        return exchange -> {
            exchange.sendResponseHeaders(200, announced);
            exchange.getResponseBody().write(new byte[sent]);
            exchange.getResponseBody().flush();
            try {
                Thread.sleep(silenceMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            abort(exchange);
        };
    }

    private static void abort(HttpExchange exchange) {
        // closing an exchange whose fixed-length body is still short makes HttpServer drop the connection
        exchange.close();
    }
}
