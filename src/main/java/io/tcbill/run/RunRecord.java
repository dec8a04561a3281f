package io.tcbill.run;

import java.time.LocalDateTime;
import java.time.YearMonth;

/**
 * One attempt at a month and feed as the metadata keeps it, in tcbill's terms: for {@code status}, {@code backfill}
 * plans and the run metrics.
 *
 * @param scope       "all", or the customer UINs the run was limited to
 * @param executionId the job execution (a restart of an attempt is a new execution of the same attempt)
 * @param attempt     the attempt number; a completed month pulled again is a new attempt
 * @param running     whether it is still running, or was left running by a process that died
 * @param ended       null while running
 * @param rows        rows its load published
 * @param reason      the first line of why it failed or stopped, or null
 * @param restated    what its load changed in rows published before ({@code restated: N customers changed in ...}), or null
 */
public record RunRecord(YearMonth month, String feed, String scope, long executionId, long attempt, State state,
                        boolean running, LocalDateTime started, LocalDateTime ended, long rows, String reason,
                        String restated) {

    /** An attempt whose load restated nothing. */
    public RunRecord(YearMonth month, String feed, String scope, long executionId, long attempt, State state,
                     boolean running, LocalDateTime started, LocalDateTime ended, long rows, String reason) {
        this(month, feed, scope, executionId, attempt, state, running, started, ended, rows, reason, null);
    }

    /** How the attempt stands; the names are the metadata's (and what {@code status} shows). */
    public enum State { STARTING, STARTED, STOPPING, STOPPED, FAILED, COMPLETED, ABANDONED, UNKNOWN }
}
