package io.tcbill.poll;

import java.time.Duration;

/**
 * A file was still being generated when the poll deadline passed. Not an error of the pipeline: the month may not
 * be final yet, and a later run will find it.
 */
public class FileNotReadyException extends RuntimeException {

    private final String what;
    private final Duration waited;
    private final int polls;

    /**
     * @param deadline the configured {@code tcbill.poll.deadline}, named in the message: the wait can exceed it by
     *                 one poll, so the time waited alone would not say which setting ended it
     */
    public FileNotReadyException(String what, Duration waited, int polls, Duration deadline) {
        super(what + " was not ready after waiting " + human(waited) + " (" + polls + " polls, tcbill.poll.deadline "
                + human(deadline) + "); the month may not be final yet (bills are final after 01:00 on the 5th of the"
                + " next month); run again later, or raise tcbill.poll.deadline (TCBILL_POLL_DEADLINE)");
        this.what = what;
        this.waited = waited;
        this.polls = polls;
    }

    public String what() {
        return what;
    }

    public Duration waited() {
        return waited;
    }

    public int polls() {
        return polls;
    }

    static String human(Duration d) {
        long s = d.toSeconds();
        return s >= 3600 ? String.format("%dh%02dm%02ds", s / 3600, s / 60 % 60, s % 60)
                : s >= 60 ? String.format("%dm%02ds", s / 60, s % 60)
                : s > 0 ? s + "s" : d.toMillis() + "ms";
    }
}
