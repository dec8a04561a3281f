package io.tcbill.transfer;

import java.time.Duration;

/**
 * When a download link must be done with ({@code tcbill.download.link-deadline} after it was asked for), on the
 * monotonic clock: every request on the link and the reading of its body end by then, inside the link's hour.
 */
final class LinkDeadline {

    /** No deadline (a body read outside a download, tests). */
    static final LinkDeadline NONE = new LinkDeadline(Duration.ofDays(365));

    private final Duration limit;
    private final long atNanos;

    /** Starts now. */
    LinkDeadline(Duration limit) {
        this.limit = limit;
        this.atNanos = System.nanoTime() + limit.toNanos();
    }

    boolean passed() {
        return System.nanoTime() - atNanos >= 0;
    }

    /** Time left, zero once passed. */
    Duration remaining() {
        long left = atNanos - System.nanoTime();
        return left > 0 ? Duration.ofNanos(left) : Duration.ZERO;
    }

    /** For messages: {@code the link deadline of 50m (tcbill.download.link-deadline)}. */
    String describe() {
        return "the link deadline of " + human(limit) + " (tcbill.download.link-deadline)";
    }

    private static String human(Duration d) {
        long s = d.toSeconds();
        return d.toMillis() % 1000 != 0 ? d.toMillis() + "ms"
                : s % 3600 == 0 ? s / 3600 + "h" : s % 60 == 0 ? s / 60 + "m" : s + "s";
    }
}
