package io.tcbill.job;

import java.time.YearMonth;

/**
 * The outcome of running one feed for one month.
 *
 * @param executionId the Spring Batch job execution id (for {@code status} and the logs)
 * @param rows        rows published
 * @param reason      one line saying why it failed, or null
 */
public record FeedRun(String feed, YearMonth month, boolean succeeded, long executionId, long rows, String reason) {
}
