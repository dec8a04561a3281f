package io.tcbill.run;

import java.time.YearMonth;

/**
 * The outcome of running one feed for one month.
 *
 * @param executionId    the Spring Batch job execution id (for {@code status} and the logs)
 * @param rows           rows published
 * @param reason         one line saying why it failed, or null
 * @param fetchSeconds   how long the archive step (requests, polls, transfers) took, 0 when it did not run
 * @param reconciliation where the month's reconciliation stands after this run, or null when the run did not reconcile
 *                       (a feed other than a reseller's l3 or summaries, or a run that did not complete)
 * @param stopped        a shutdown signal (SIGTERM, Ctrl-C) ended the run, or kept it from starting: STOPPED, and the
 *                       next run resumes it
 * @param restated       what the run changed in rows published before, e.g. {@code restated: 2 customers changed in
 *                       bill_l3, total +12.50 USD}; null when it changed none (a first pull, or identical rows)
 */
public record FeedRun(String feed, YearMonth month, boolean succeeded, long executionId, long rows, String reason,
                      double fetchSeconds, Reconciliation reconciliation, boolean stopped, String restated) {

    /** A run that restated nothing. */
    public FeedRun(String feed, YearMonth month, boolean succeeded, long executionId, long rows, String reason,
                   double fetchSeconds, Reconciliation reconciliation, boolean stopped) {
        this(feed, month, succeeded, executionId, rows, reason, fetchSeconds, reconciliation, stopped, null);
    }

    /** A run that ended (or did not start) by its own outcome, not by a shutdown signal. */
    public FeedRun(String feed, YearMonth month, boolean succeeded, long executionId, long rows, String reason,
                   double fetchSeconds, Reconciliation reconciliation) {
        this(feed, month, succeeded, executionId, rows, reason, fetchSeconds, reconciliation, false);
    }

    /** A run that did not reconcile. */
    public FeedRun(String feed, YearMonth month, boolean succeeded, long executionId, long rows, String reason,
                   double fetchSeconds) {
        this(feed, month, succeeded, executionId, rows, reason, fetchSeconds, null, false);
    }

    /** A run a shutdown signal ended before its end, or kept from starting ({@code executionId} -1). */
    public static FeedRun stopped(String feed, YearMonth month, long executionId, long rows, String reason,
                                  double fetchSeconds) {
        return new FeedRun(feed, month, false, executionId, rows, reason, fetchSeconds, null, true);
    }

    /** OK, FAILED or STOPPED, as the run's line and {@code status} say it. */
    public String state() {
        return succeeded ? "OK" : stopped ? "STOPPED" : "FAILED";
    }

    /** Whether the run was refused because the month and feed are running in another process (nothing ran). */
    public boolean refused() {
        return !succeeded && !stopped && reason != null && reason.startsWith(MonthRunner.ALREADY_RUNNING);
    }

    /** Whether the run completed but its month does not reconcile for a customer it loaded (exit 4, a failed fire). */
    public boolean unreconciled() {
        return succeeded && reconciliation != null && reconciliation.failsRun();
    }
}
