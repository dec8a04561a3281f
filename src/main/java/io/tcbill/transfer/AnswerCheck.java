package io.tcbill.transfer;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;

/**
 * Refuses, before a byte of it is stored, an answer that cannot be the bill file or whose end cannot be proven: a web
 * page or XML document sent with status 200 (a proxy's "Access Denied" page, COS's XML error document), known by its
 * {@code Content-Type} or, whatever type it claims, by its first bytes; and an HTTP/1.1 body with neither a
 * {@code Content-Length} nor chunked encoding, whose only end is the connection closing, so that a cut at a line end
 * would look like a whole, shorter file. Each refusal is a {@link TransferException.NotTheFile}: a fresh link may
 * serve the file.
 */
final class AnswerCheck {

    private static final Set<String> PAGE_TYPES = Set.of("text/html", "application/xhtml+xml", "application/xml", "text/xml");
    private static final String[] PAGE_STARTS = {"<!doctype", "<html", "<?xml"};
    private static final int SNIFFED = 256;
    private static final int SHOWN = 80;

    private AnswerCheck() {
    }

    /**
     * Checks the headers of a 200 or 206 answer.
     *
     * @param body    the answer's body, read (a little, for the message) only when it is refused
     * @param failure what failed, e.g. {@code download of l3 2024-05 customer 800001608331 to raw/... from host}
     */
    static void headers(int status, HttpClient.Version version, HttpHeaders headers, InputStream body, String failure) {
        String type = headers.firstValue("Content-Type").orElse("").split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        if (PAGE_TYPES.contains(type)) {
            throw new TransferException.NotTheFile(failure + ": HTTP " + status + " " + type + " is a page, not a bill file"
                    + shown(body));
        }
        boolean chunked = headers.allValues("Transfer-Encoding").stream()
                .anyMatch(v -> v.toLowerCase(Locale.ROOT).contains("chunked"));
        if (status == 200 && version == HttpClient.Version.HTTP_1_1 && headers.firstValue("Content-Length").isEmpty()
                && !chunked) {
            throw new TransferException.NotTheFile(failure + ": HTTP 200 with neither a Content-Length nor chunked "
                    + "encoding, so the end of the file cannot be proven (a cut connection would look like the end)");
        }
    }

    /**
     * The body from its first byte, refusing (on the first read) a page or XML document in any disguise by its first
     * bytes. Bytes read before a read fails are still passed on before the failure, so a resume starts after them.
     */
    static InputStream sniffed(InputStream body, String failure) {
        return new Sniffing(body, failure);
    }

    private static void refuseMarkup(byte[] head, String failure) {
        String start = new String(head, StandardCharsets.UTF_8).replace("\uFEFF", "").stripLeading().toLowerCase(Locale.ROOT);
        for (String page : PAGE_STARTS) {
            if (start.startsWith(page)) {
                throw new TransferException.NotTheFile(failure + ": the body is a page, not a bill file: " + quoted(head));
            }
        }
    }

    /** {@code : "<first bytes>…"}, or nothing when the body cannot be read. */
    private static String shown(InputStream body) {
        try {
            byte[] head = body.readNBytes(SHOWN);
            return head.length == 0 ? "" : ": " + quoted(head);
        } catch (IOException e) {
            return "";
        }
    }

    private static String quoted(byte[] head) {
        String text = new String(head, 0, Math.min(head.length, SHOWN), StandardCharsets.UTF_8)
                .replace("\uFEFF", "").replaceAll("[\\p{Cntrl}\\s\uFFFD]+", " ").strip();
        return "\"" + Redaction.text(text) + (head.length > SHOWN ? "…" : "") + "\"";
    }

    /** Reads the first bytes ahead on the first read, checks them, then hands them out before the rest. */
    private static final class Sniffing extends InputStream {
        private final InputStream in;
        private final String failure;
        private byte[] head;
        private int handedOut;
        private IOException deferred;

        Sniffing(InputStream in, String failure) {
            this.in = in;
            this.failure = failure;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (head == null) {
                head = readHead();
                refuseMarkup(head, failure);
            }
            if (handedOut < head.length) {
                int n = Math.min(len, head.length - handedOut);
                System.arraycopy(head, handedOut, b, off, n);
                handedOut += n;
                return n;
            }
            if (deferred != null) {
                IOException e = deferred;
                deferred = null;
                throw e;
            }
            return in.read(b, off, len);
        }

        @Override
        public void close() throws IOException {
            in.close();
        }

        private byte[] readHead() {
            byte[] buffer = new byte[SNIFFED];
            int n = 0;
            try {
                for (int r; n < SNIFFED && (r = in.read(buffer, n, SNIFFED - n)) >= 0; ) {
                    n += r;
                }
            } catch (IOException e) {
                deferred = e;
            }
            return Arrays.copyOf(buffer, n);
        }
    }
}
