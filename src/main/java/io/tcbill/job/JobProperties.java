package io.tcbill.job;

import io.tcbill.feed.ResellerBills;
import java.math.BigDecimal;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the monthly job runs.
 *
 * @param concurrency         how many files are requested, polled and transferred at once; most of that time is spent
 *                            waiting for files to become ready, so it is high (20 requests/s × a 2 s first poll
 *                            interval keeps ~40 files in flight); the API's rate limits still apply
 * @param resellerBills       {@code files}: one L2/L3 file per customer; {@code pack}: one ZIP of every customer (any
 *                            case; another value stops the start, listing these two)
 * @param reconcileTolerance  the largest difference between L3 detail totals and the summary APIs that still counts as
 *                            reconciled, in the bill currency
 * @param reconcileL2RowTolerance what the L2 comparison allows on top, per L2 row of the customer: Tencent rounds each
 *                            L2 row's amounts to 2 decimals, so half a cent per row is the most an exact L2 can be off
 * @param staleAfter          a run of a month and feed left STARTED by a process on another host is taken to be dead once
 *                            its metadata has not changed for this long, and is recovered and resumed; hosts sharing one
 *                            metadata database must keep a single file's fetch (or the load) shorter than this, or raise
 *                            it. A dead process on the same host is recognised at once by its PID.
 * @param stopTimeout         on SIGTERM, how long to wait for running executions to end STOPPED before shutting down
 */
@ConfigurationProperties("tcbill.job")
public record JobProperties(@DefaultValue("48") int concurrency, @DefaultValue("files") ResellerBills resellerBills,
                            @DefaultValue("0.01") BigDecimal reconcileTolerance,
                            @DefaultValue("0.005") BigDecimal reconcileL2RowTolerance,
                            @DefaultValue("2h") Duration staleAfter, @DefaultValue("30s") Duration stopTimeout) {

    public JobProperties {
        if (concurrency < 1 || concurrency > 256) {
            throw new IllegalArgumentException("tcbill.job.concurrency must be between 1 and 256, was " + concurrency);
        }
        resellerBills = resellerBills == null ? ResellerBills.FILES : resellerBills;
        staleAfter = staleAfter == null ? Duration.ofHours(2) : staleAfter;
        stopTimeout = stopTimeout == null ? Duration.ofSeconds(30) : stopTimeout;
        if (staleAfter.compareTo(Duration.ofMinutes(1)) < 0) {
            throw new IllegalArgumentException("tcbill.job.stale-after must be at least 1m, was " + staleAfter);
        }
        if (stopTimeout.isNegative()) {
            throw new IllegalArgumentException("tcbill.job.stop-timeout must not be negative");
        }
        if (reconcileTolerance.signum() < 0) {
            throw new IllegalArgumentException("tcbill.job.reconcile-tolerance must not be negative");
        }
        if (reconcileL2RowTolerance.signum() < 0) {
            throw new IllegalArgumentException("tcbill.job.reconcile-l2-row-tolerance must not be negative");
        }
    }

    boolean packs() {
        return resellerBills == ResellerBills.PACK;
    }
}
