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
 */
public record FeedRun(String feed, YearMonth month, boolean succeeded, long executionId, long rows, String reason,
                      double fetchSeconds, Reconciliation reconciliation) {

    /** A run that did not reconcile. */
    public FeedRun(String feed, YearMonth month, boolean succeeded, long executionId, long rows, String reason,
                   double fetchSeconds) {
        this(feed, month, succeeded, executionId, rows, reason, fetchSeconds, null);
    }

    /** Whether the run completed but its month does not reconcile for a customer it loaded (exit 4, a failed fire). */
    public boolean unreconciled() {
        return succeeded && reconciliation != null && reconciliation.failsRun();
    }
}
