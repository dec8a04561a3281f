package io.tcbill.simulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Serves {@code GET /cos/...} links like a COS bucket: 403 {@code AccessDenied} XML for a bad or expired signature,
 * otherwise the CSV (or a package's ZIP) streamed with a {@code Content-Length}, and {@code Range: bytes=N-} / {@code bytes=N-M} as 206 so a
 * client can resume. Link faults from {@link SimulatorFaults} (expiry mid-transfer, dropped connection, short body)
 * cut the response after some bytes and close the connection, its {@code Content-Length} unfulfilled; a replaced file
 * is answered with the replacement body instead.
 */
final class DownloadHandler implements HttpHandler {

    private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-(\\d*)");

    private final DownloadLinks links;
    private final BillData data;
    private final SimulatorFaults faults;
    private final SimulatorStats stats;

    DownloadHandler(DownloadLinks links, BillData data, SimulatorFaults faults, SimulatorStats stats) {
        this.links = links;
        this.data = data;
        this.faults = faults;
        this.stats = stats;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"GET".equals(exchange.getRequestMethod())) {
                error(exchange, 405, "MethodNotAllowed", "The specified method is not allowed against this resource.");
                return;
            }
            DownloadLinks.Resolution resolution = links.resolve(exchange.getRequestURI().getRawPath(),
                    exchange.getRequestURI().getRawQuery());
            if (resolution.file() == null) {
                stats.recordDownload(false);
                error(exchange, resolution.status(), resolution.code(), resolution.message());
                return;
            }
            transfer(exchange, resolution);
        }
    }

    private void transfer(HttpExchange exchange, DownloadLinks.Resolution link) throws IOException {
        BillFile file = link.file();
        SimulatorFaults.Replacement replacement = faults.replacement(file);
        if (replacement != null) {
            exchange.getResponseHeaders().set("Content-Type", replacement.contentType());
            exchange.sendResponseHeaders(200, replacement.body().length == 0 ? -1 : replacement.body().length);
            stats.recordDownload(true);
            exchange.getResponseBody().write(replacement.body());
            return;
        }
        long size = data.expected(file).bytes();
        long first = 0;
        long last = size - 1;
        String range = exchange.getRequestHeaders().getFirst("Range");
        Matcher m = range == null ? null : RANGE.matcher(range.trim());
        boolean partial = m != null && m.matches();
        if (partial) {
            first = Long.parseLong(m.group(1));
            last = m.group(2).isEmpty() ? size - 1 : Math.min(size - 1, Long.parseLong(m.group(2)));
            if (first >= size || last < first) {
                exchange.getResponseHeaders().set("Content-Range", "bytes */" + size);
                error(exchange, 416, "InvalidRange", "The requested range is not satisfiable.");
                return;
            }
            exchange.getResponseHeaders().set("Content-Range", "bytes " + first + "-" + last + "/" + size);
        }
        exchange.getResponseHeaders().set("Content-Type", file.pack() ? "application/zip" : "text/csv");
        exchange.getResponseHeaders().set("Accept-Ranges", "bytes");
        exchange.getResponseHeaders().set("x-cos-request-id", UUID.randomUUID().toString());
        long length = last - first + 1;
        exchange.sendResponseHeaders(partial ? 206 : 200, length);
        stats.recordDownload(true);
        if (partial) {
            stats.recordRangeDownload();
        }
        SimulatorFaults.LinkFault fault = faults.nextLinkFault(length);
        OutputStream body = exchange.getResponseBody();
        try {
            data.write(file, new Slice(fault == null ? body : new Cut(body, fault.cutAfter()), first, last));
        } catch (Slice.Complete done) {
            // the requested range is written; the rest of the file need not be generated
        } catch (Cut.Reached cut) {
            stats.recordLinkFault(fault.kind());
            if (fault.kind() == SimulatorFaults.LinkFault.Kind.EXPIRE) {
                links.expire(link.token());
            }
            // closing the exchange with its Content-Length unfulfilled makes HttpServer drop the connection
        }
        body.flush();
    }

    private static void error(HttpExchange exchange, int status, String code, String message) throws IOException {
        String resource = exchange.getRequestURI().getRawPath();
        byte[] xml = ("<?xml version='1.0' encoding='utf-8' ?>\n<Error>\n<Code>" + code + "</Code>\n<Message>" + message
                + "</Message>\n<Resource>" + resource + "</Resource>\n<RequestId>" + UUID.randomUUID()
                + "</RequestId>\n</Error>").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/xml");
        exchange.sendResponseHeaders(status, xml.length);
        exchange.getResponseBody().write(xml);
    }

    /** Passes on the first {@code limit} bytes written to it, then throws {@link Reached}. */
    private static final class Cut extends FilterOutputStream {
        private long left;

        Cut(OutputStream out, long limit) {
            super(out);
            this.left = limit;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            int n = (int) Math.min(len, left);
            out.write(b, off, n);
            left -= n;
            if (n < len) {
                throw new Reached();
            }
        }

        /** Thrown when a write goes past the limit. */
        static final class Reached extends RuntimeException {
            Reached() {
                super(null, null, false, false);
            }
        }
    }

    /** Passes on only the bytes {@code first..last} (inclusive) of what is written to it. */
    private static final class Slice extends FilterOutputStream {
        private final long first;
        private final long last;
        private long position;

        Slice(OutputStream out, long first, long last) {
            super(out);
            this.first = first;
            this.last = last;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            long from = Math.max(position, first);
            long to = Math.min(position + len - 1, last);
            if (from <= to) {
                out.write(b, off + (int) (from - position), (int) (to - from + 1));
            }
            position += len;
            if (position > last) {
                throw new Complete();
            }
        }

        /** Thrown once the last wanted byte is out, to stop generating the rest. */
        static final class Complete extends RuntimeException {
            Complete() {
                super(null, null, false, false);
            }
        }
    }
}
