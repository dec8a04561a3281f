package io.tcbill.transfer;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A download body that counts the bytes read and adds the timeouts {@link java.net.http.HttpClient} streams lack:
 * when one read waits longer than the read timeout, or the link's deadline passes (a body that trickles in keeps every
 * single read short), a watchdog closes the stream (which wakes the blocked reader and drops the connection) and the
 * read fails with {@link HttpTimeoutException}, for the deadline with {@link DeadlinePassed}. A reader whose thread
 * is interrupted (a graceful stop) is woken the same way, within 200 ms, with {@link InterruptedIOException}.
 */
final class BodyStream extends FilterInputStream {

    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "tcbill-download-watchdog");
        t.setDaemon(true);
        return t;
    });

    /** The link's deadline passed while its body was still being read. */
    static final class DeadlinePassed extends HttpTimeoutException {
        DeadlinePassed(String message) {
            super(message);
        }
    }

    private final long timeoutNanos;
    private final LinkDeadline deadline;
    private final ScheduledFuture<?> watch;
    private volatile long readStartedAt; // 0 = not inside a read
    private volatile Thread reader; // inside a read
    private volatile boolean interrupted;
    private volatile boolean stalled;
    private volatile boolean overdue;
    private long count;

    BodyStream(InputStream in, Duration timeout) {
        this(in, timeout, LinkDeadline.NONE);
    }

    BodyStream(InputStream in, Duration timeout, LinkDeadline deadline) {
        super(in);
        this.timeoutNanos = timeout.toNanos();
        this.deadline = deadline;
        long shortest = Math.min(timeout.toMillis(), deadline.remaining().toMillis());
        long period = Math.max(20, Math.min(200, shortest / 10)); // also how soon an interrupt is seen
        this.watch = WATCHDOG.scheduleAtFixedRate(this::check, period, period, TimeUnit.MILLISECONDS);
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (stalled || overdue || interrupted || deadline.passed()) {
            throw failure();
        }
        reader = Thread.currentThread();
        readStartedAt = System.nanoTime() | 1;
        try {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        } catch (IOException e) {
            throw stalled || overdue || interrupted ? failure() : e;
        } finally {
            readStartedAt = 0;
            reader = null;
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
        if (stalled || overdue || interrupted) {
            return;
        }
        long started = readStartedAt;
        Thread blocked = reader;
        if (blocked != null && blocked.isInterrupted()) {
            interrupted = true; // the JDK's body stream does not always wake up for an interrupt
        } else if (deadline.passed()) {
            overdue = true;
        } else if (started != 0 && System.nanoTime() - started > timeoutNanos) {
            stalled = true;
        }
        if (stalled || overdue || interrupted) {
            watch.cancel(false);
            try {
                in.close();
            } catch (IOException | RuntimeException ignored) {
                // the reader sees the failure
            }
        }
    }

    private IOException failure() {
        if (interrupted) {
            return new InterruptedIOException("interrupted after " + count + " bytes of this answer");
        }
        if (overdue || !stalled && deadline.passed()) {
            return new DeadlinePassed(deadline.describe() + " passed after " + count + " bytes of this answer");
        }
        return timeout();
    }

    private HttpTimeoutException timeout() {
        return new HttpTimeoutException("no data for " + Duration.ofNanos(timeoutNanos).toMillis() + " ms (read timeout)");
    }
}
