package io.tcbill.transfer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * A download host that writes each answer byte for byte and then closes the connection, for what no HTTP server library
 * sends on purpose: a 200 with neither length nor chunked encoding, a chunked body without its last chunk.
 */
final class RawHttpServer implements AutoCloseable {

    private final ServerSocket socket;
    private final AtomicInteger requests = new AtomicInteger();
    private final Thread acceptor;

    /** @param answers the bytes of the answer to the n-th request (from 0), status line and headers included */
    RawHttpServer(IntFunction<byte[]> answers) throws IOException {
        socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        acceptor = new Thread(() -> {
            while (!socket.isClosed()) {
                try (Socket connection = socket.accept()) {
                    connection.setSoTimeout(5_000);
                    skipRequest(connection.getInputStream());
                    OutputStream out = connection.getOutputStream();
                    out.write(answers.apply(requests.getAndIncrement()));
                    out.flush();
                } catch (IOException e) {
                    // closed, or the client went away
                }
            }
        }, "raw-http-server");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** A 200 answer with the given headers (lines ending in CRLF, or empty) and body. */
    static byte[] answer(String headers, byte[] body) {
        byte[] head = ("HTTP/1.1 200 OK\r\n" + headers + "\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] all = java.util.Arrays.copyOf(head, head.length + body.length);
        System.arraycopy(body, 0, all, head.length, body.length);
        return all;
    }

    String url(String pathAndQuery) {
        return "http://127.0.0.1:" + socket.getLocalPort() + pathAndQuery;
    }

    int requests() {
        return requests.get();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    private static void skipRequest(InputStream in) throws IOException {
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        for (int read = 0; matched < end.length && read < 64 * 1024; read++) {
            int b = in.read();
            if (b < 0) {
                return;
            }
            matched = b == end[matched] ? matched + 1 : b == '\r' ? 1 : 0;
        }
    }
}
