package io.tcbill.transfer;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Opens a download link with {@link HttpClient}, from its start or, to resume, from a byte offset
 * ({@code Range: bytes=N-}, with {@code If-Range} when the first answer carried an ETag), and classifies the answer:
 * 200 and 206 give the body as a stream (guarded against stalls) with the position it starts at, unless it is a page
 * or its end cannot be proven ({@link AnswerCheck}); 403 means the link
 * expired or was refused; 416 that the range no longer fits the file; other 4xx are terminal; 5xx and I/O errors
 * transient. Redirects are not followed, so a link can never lead to a host outside the allow-list.
 */
final class LinkDownload {

    private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (\\d+)-(\\d+)/(\\d+|\\*)");

    private final HttpClient http;
    private final Duration connectTimeout;
    private final Duration readTimeout;

    LinkDownload(Duration connectTimeout, Duration readTimeout) {
        this.connectTimeout = connectTimeout;
        this.http = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.readTimeout = readTimeout;
    }

    /**
     * An open response body.
     *
     * @param start the file offset of its first byte: 0 for a 200, the Content-Range start for a 206
     * @param end   the file offset just after its last byte as announced, or -1 when unknown
     * @param total the whole file's length as announced (Content-Length of a 200, Content-Range total), or -1
     * @param etag  the ETag header, or null
     */
    record Body(BodyStream in, long start, long end, long total, String etag) implements AutoCloseable {
        @Override
        public void close() {
            try {
                in.close();
            } catch (IOException ignored) {
                // closing only releases the connection
            }
        }
    }

    /**
     * GETs the link from {@code offset} (0 = the whole file).
     *
     * @param what   names the download in messages, e.g. {@code download of l3 2024-05 self to raw/...}
     * @param ifRange the ETag the bytes before {@code offset} came with, or null
     */
    Body open(URI link, String what, long offset, String ifRange) {
        return open(link, what, offset, ifRange, LinkDeadline.NONE);
    }

    /**
     * The same, with the headers and the body bounded by the link's {@code deadline} as well as by the read timeout;
     * when the deadline passes first this fails with {@link TransferException.LinkOverdue}.
     */
    Body open(URI link, String what, long offset, String ifRange, LinkDeadline deadline) {
        Duration remaining = deadline.remaining();
        if (remaining.isZero()) {
            throw new TransferException.LinkOverdue(what + " from " + link.getHost() + ": " + deadline.describe()
                    + " passed before the request", null);
        }
        boolean deadlineFirst = remaining.compareTo(readTimeout) < 0;
        HttpRequest.Builder request = HttpRequest.newBuilder(link).GET()
                .timeout(deadlineFirst ? remaining : readTimeout);
        if (offset > 0) {
            request.header("Range", "bytes=" + offset + "-");
            if (ifRange != null) {
                request.header("If-Range", ifRange);
            }
        }
        HttpResponse<InputStream> response;
        try {
            response = http.send(request.build(), info -> new PublishedBody());
        } catch (HttpConnectTimeoutException e) {
            throw TransferException.retryable(what + " from " + link.getHost() + " failed: no connection within "
                    + connectTimeout.toMillis() + " ms (tcbill.download.connect-timeout)", e);
        } catch (HttpTimeoutException e) {
            if (deadlineFirst) {
                throw new TransferException.LinkOverdue(what + " from " + link.getHost() + ": " + deadline.describe()
                        + " passed while waiting for the answer", e);
            }
            throw TransferException.retryable(what + " from " + link.getHost() + " failed: no answer within "
                    + readTimeout.toMillis() + " ms (tcbill.download.read-timeout)", e);
        } catch (IOException e) {
            throw TransferException.retryable(what + " from " + link.getHost() + " failed: "
                    + Redaction.text(String.valueOf(e.getMessage())) + " (" + e.getClass().getSimpleName() + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw TransferException.terminal(what + " interrupted", e);
        }
        int status = response.statusCode();
        String etag = response.headers().firstValue("ETag").orElse(null);
        if (status == 200 || status == 206) {
            BodyStream in = new BodyStream(response.body(), readTimeout, deadline);
            try {
                AnswerCheck.headers(status, response.version(), response.headers(), in, what + " from " + link.getHost());
            } catch (TransferException e) {
                discard(in);
                throw e;
            }
            return body(status, response, in, etag, what + " from " + link.getHost());
        }
        discard(response.body());
        String failure = what + " from " + link.getHost() + ": HTTP " + status;
        if (status == 403) {
            throw new TransferException.LinkRefused(failure + ", link expired or refused");
        }
        if (status == 416) {
            throw new TransferException.RangeRefused(failure + ": the file no longer has byte " + offset);
        }
        if (status >= 500 || status == 408 || status == 429) {
            throw TransferException.retryable(failure, null);
        }
        throw TransferException.terminal(failure + (status >= 300 && status < 400 ? " (redirects are not followed)" : ""),
                null);
    }

    private static Body body(int status, HttpResponse<InputStream> response, BodyStream in, String etag, String failure) {
        if (status == 200) {
            long length = response.headers().firstValueAsLong("Content-Length").orElse(-1);
            return new Body(in, 0, length, length, etag);
        }
        Matcher m = CONTENT_RANGE.matcher(response.headers().firstValue("Content-Range").orElse("").trim());
        if (!m.matches()) {
            discard(in);
            throw TransferException.retryable(failure + ": HTTP 206 without a usable Content-Range", null);
        }
        long total = "*".equals(m.group(3)) ? -1 : Long.parseLong(m.group(3));
        return new Body(in, Long.parseLong(m.group(1)), Long.parseLong(m.group(2)) + 1, total, etag);
    }

    private static void discard(InputStream body) {
        try {
            body.close();
        } catch (IOException ignored) {
            // the status already tells what happened
        }
    }
}
