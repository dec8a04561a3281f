package io.tcbill.job;

import java.time.YearMonth;

/**
 * The outcome of running one feed for one month.
 *
 * @param executionId the Spring Batch job execution id (for {@code status} and the logs)
 * @param rows        rows published
 * @param reason      one line saying why it failed, or null
 * @param fetchSeconds how long the archive step (requests, polls, transfers) took, 0 when it did not run
 */
public record FeedRun(String feed, YearMonth month, boolean succeeded, long executionId, long rows, String reason,
                      double fetchSeconds) {
}
