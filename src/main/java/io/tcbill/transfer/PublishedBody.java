package io.tcbill.transfer;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * A response body as an {@link InputStream} that a thread interrupt ends: the JDK's own
 * {@code BodyHandlers.ofInputStream()} stream (Java 17) swallows the interrupt of a reader waiting for data, so a
 * stalled download ignored a graceful stop. Reads block on a queue of the publisher's buffers; an interrupt cancels the
 * response (dropping its connection) and the read fails with {@link InterruptedIOException}, the interrupt flag kept.
 * {@link #close()} cancels the response too and wakes a blocked reader.
 */
final class PublishedBody extends InputStream implements HttpResponse.BodySubscriber<InputStream> {

    private static final List<ByteBuffer> END = List.of();
    private static final List<ByteBuffer> CLOSED = List.of();

    private final LinkedBlockingQueue<List<ByteBuffer>> queue = new LinkedBlockingQueue<>();
    private volatile Flow.Subscription subscription;
    private volatile Throwable error;
    private volatile boolean closed;
    private Iterator<ByteBuffer> current = List.<ByteBuffer>of().iterator();
    private ByteBuffer buffer;
    private boolean ended;

    /** The stream itself, at once: the body is read as it arrives, after the headers. */
    @Override
    public CompletionStage<InputStream> getBody() {
        return CompletableFuture.completedFuture(this);
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        if (closed) {
            s.cancel();
        } else {
            s.request(1);
        }
    }

    @Override
    public void onNext(List<ByteBuffer> item) {
        queue.offer(item);
    }

    @Override
    public void onError(Throwable throwable) {
        error = throwable;
        queue.offer(END);
    }

    @Override
    public void onComplete() {
        queue.offer(END);
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (buffer == null || !buffer.hasRemaining()) {
            if (current.hasNext()) {
                buffer = current.next();
                continue;
            }
            if (ended) {
                return end();
            }
            List<ByteBuffer> next = take();
            if (next == END || next == CLOSED) {
                ended = true;
                return end();
            }
            current = next.iterator();
            subscription.request(1);
        }
        int n = Math.min(len, buffer.remaining());
        buffer.get(b, off, n);
        return n;
    }

    @Override
    public void close() {
        closed = true;
        Flow.Subscription s = subscription;
        if (s != null) {
            s.cancel();
        }
        queue.offer(CLOSED);
    }

    private List<ByteBuffer> take() throws IOException {
        if (closed) {
            throw new IOException("closed");
        }
        try {
            return queue.take();
        } catch (InterruptedException e) {
            close();
            Thread.currentThread().interrupt();
            InterruptedIOException interrupted = new InterruptedIOException("interrupted while reading the answer");
            interrupted.initCause(e);
            throw interrupted;
        }
    }

    private int end() throws IOException {
        if (closed) {
            throw new IOException("closed");
        }
        if (error != null) {
            throw error instanceof IOException io ? io : new IOException(error);
        }
        return -1;
    }
}
