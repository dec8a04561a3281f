package io.tcbill.run;

import java.time.YearMonth;

/**
 * What a run of one month and feed reports while it works, for a progress display: the files the archive step is
 * about to fetch and each one as it lands or fails, then the files the load step loads. Called from the job's worker
 * threads, so implementations must be thread-safe and quick. {@link #NONE} ignores everything: scheduled runs, tests
 * and non-interactive commands keep only their log lines.
 */
public interface RunProgress {

    /** Reports nothing. */
    RunProgress NONE = new RunProgress() {
    };

    /** The archive step fetches {@code files} files (those an earlier attempt archived are not counted). */
    default void archiveStarted(String feed, YearMonth month, int files) {
    }

    /**
     * Bytes of a file still being archived: {@code +n} as they arrive (about once a part, e.g. 8 MiB), {@code -n} when
     * its transfer restarts from byte 0 and, before {@link #fileArchived} or {@link #fileFailed}, minus all it reported,
     * so the sum over files in flight is the bytes received of files not yet done.
     */
    default void bytesInFlight(String feed, YearMonth month, long delta) {
    }

    /** One file is archived; {@code bytes} is its size. */
    default void fileArchived(String feed, YearMonth month, long bytes) {
    }

    /** One file could not be archived (the run names it when it ends). */
    default void fileFailed(String feed, YearMonth month) {
    }

    /** The load step loads {@code files} archived files (every file of the month kept so far). */
    default void loadStarted(String feed, YearMonth month, int files) {
    }

    /** One file is staged and checked; {@code rows} is how many rows it had. */
    default void fileLoaded(String feed, YearMonth month, long rows) {
    }
}
