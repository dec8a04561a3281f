package io.tcbill.partner;

import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * One action's requests in flight and those answered within the window (one second, or 1/QPS for actions slower
 * than 1/s). A request may start only while their number is below the slots (QPS per window, at least one).
 */
final class AnsweredWindow {

    /** While every slot is in flight there is no answer time to wait for: look again this soon. */
    static final long IN_FLIGHT_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

    private final long windowNanos;
    private final int slots;
    private final LongSupplier nanoTime;
    private final ArrayDeque<Long> answeredAt = new ArrayDeque<>();
    private int inFlight;

    AnsweredWindow(double qps, LongSupplier nanoTime) {
        this.windowNanos = Math.max(TimeUnit.SECONDS.toNanos(1), (long) Math.ceil(TimeUnit.SECONDS.toNanos(1) / qps));
        this.slots = Math.max(1, (int) Math.floor(qps * windowNanos / TimeUnit.SECONDS.toNanos(1)));
        this.nanoTime = nanoTime;
    }

    /** How long to wait before a request may start; 0 when it may start now. */
    synchronized long waitNanos() {
        long now = nanoTime.getAsLong();
        while (!answeredAt.isEmpty() && now - answeredAt.peekFirst() >= windowNanos) {
            answeredAt.pollFirst();
        }
        if (inFlight + answeredAt.size() < slots) {
            return 0;
        }
        return answeredAt.isEmpty() ? IN_FLIGHT_POLL_NANOS : answeredAt.peekFirst() + windowNanos - now;
    }

    synchronized void started() {
        inFlight++;
    }

    synchronized void answered() {
        inFlight--;
        answeredAt.addLast(nanoTime.getAsLong());
    }
}
