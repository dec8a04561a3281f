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

    public FileNotReadyException(String what, Duration waited, int polls) {
        super(what + " was not ready after waiting " + human(waited) + " (" + polls + " polls); the month may not be"
                + " final yet (bills are final after 01:00 on the 5th of the next month); run again later");
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
