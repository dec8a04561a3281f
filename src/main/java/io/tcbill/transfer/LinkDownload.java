package io.tcbill.transfer;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Opens a download link with {@link HttpClient} and classifies the answer: 200 gives the body as a stream (guarded
 * against stalls); 403 means the link expired or was refused; other 4xx are terminal; 5xx and I/O errors transient.
 * Redirects are not followed, so a link can never lead to a host outside the allow-list.
 */
final class LinkDownload {

    private final HttpClient http;
    private final Duration readTimeout;

    LinkDownload(Duration connectTimeout, Duration readTimeout) {
        this.http = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.readTimeout = readTimeout;
    }

    /** An open response body; {@code length} is the announced Content-Length, or -1. */
    record Body(BodyStream in, long length) implements AutoCloseable {
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
     * GETs the link from its start. Seam for a later Range-resume: a resumed attempt would send
     * {@code Range: bytes=<archived>-} here and expect 206, continuing the same staged upload.
     */
    Body open(URI link, RawTarget target) {
        HttpRequest request = HttpRequest.newBuilder(link).GET().timeout(readTimeout).build();
        HttpResponse<InputStream> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw TransferException.retryable("download of " + target + " from " + link.getHost() + " failed: "
                    + Redaction.text(String.valueOf(e.getMessage())) + " (" + e.getClass().getSimpleName() + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw TransferException.terminal("download of " + target + " interrupted", e);
        }
        int status = response.statusCode();
        if (status == 200) {
            long length = response.headers().firstValueAsLong("Content-Length").orElse(-1);
            return new Body(new BodyStream(response.body(), readTimeout), length);
        }
        discard(response.body());
        String what = "download of " + target + " from " + link.getHost() + ": HTTP " + status;
        if (status == 403) {
            throw new TransferException.LinkRefused(what + ", link expired or refused");
        }
        if (status >= 500 || status == 408 || status == 429) {
            throw TransferException.retryable(what, null);
        }
        throw TransferException.terminal(what + (status >= 300 && status < 400 ? " (redirects are not followed)" : ""),
                null);
    }

    private static void discard(InputStream body) {
        try {
            body.close();
        } catch (IOException ignored) {
            // the status already tells what happened
        }
    }
}
