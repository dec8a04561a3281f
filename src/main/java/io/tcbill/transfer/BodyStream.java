package io.tcbill.transfer;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A download body that counts the bytes read and adds the read timeout {@link java.net.http.HttpClient} streams lack:
 * when one read waits longer than the timeout, a watchdog closes the stream (which wakes the blocked reader and drops
 * the connection) and the read fails with {@link HttpTimeoutException}.
 */
final class BodyStream extends FilterInputStream {

    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "tcbill-download-watchdog");
        t.setDaemon(true);
        return t;
    });

    private final long timeoutNanos;
    private final ScheduledFuture<?> watch;
    private volatile long readStartedAt; // 0 = not inside a read
    private volatile boolean stalled;
    private long count;

    BodyStream(InputStream in, Duration timeout) {
        super(in);
        this.timeoutNanos = timeout.toNanos();
        long period = Math.max(20, Math.min(1000, timeout.toMillis() / 10));
        this.watch = WATCHDOG.scheduleAtFixedRate(this::check, period, period, TimeUnit.MILLISECONDS);
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (stalled) {
            throw timeout();
        }
        readStartedAt = System.nanoTime() | 1;
        try {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        } catch (IOException e) {
            throw stalled ? timeout() : e;
        } finally {
            readStartedAt = 0;
        }
    }

    /** Bytes read so far. */
    long count() {
        return count;
    }

    @Override
    public void close() throws IOException {
        watch.cancel(false);
        super.close();
    }

    private void check() {
        long started = readStartedAt;
        if (started != 0 && !stalled && System.nanoTime() - started > timeoutNanos) {
            stalled = true;
            watch.cancel(false);
            try {
                in.close();
            } catch (IOException | RuntimeException ignored) {
                // the reader sees the failure
            }
        }
    }

    private HttpTimeoutException timeout() {
        return new HttpTimeoutException("no data for " + Duration.ofNanos(timeoutNanos).toMillis() + " ms (read timeout)");
    }
}
