package io.tcbill.job;

import java.math.BigDecimal;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the monthly job runs.
 *
 * @param concurrency         how many files are requested, polled and transferred at once; most of that time is spent
 *                            waiting for files to become ready, so it is high (20 requests/s × a 2 s first poll
 *                            interval keeps ~40 files in flight); the API's rate limits still apply
 * @param resellerBills       {@code files}: one L2/L3 file per customer; {@code pack}: one ZIP of every customer
 * @param reconcileTolerance  the largest difference between L3 detail totals and the summary APIs that still counts as
 *                            reconciled, in the bill currency
 */
@ConfigurationProperties("tcbill.job")
public record JobProperties(@DefaultValue("48") int concurrency, @DefaultValue("files") String resellerBills,
                            @DefaultValue("0.01") BigDecimal reconcileTolerance) {

    public JobProperties {
        if (concurrency < 1 || concurrency > 256) {
            throw new IllegalArgumentException("tcbill.job.concurrency must be between 1 and 256, was " + concurrency);
        }
        if (!"files".equals(resellerBills) && !"pack".equals(resellerBills)) {
            throw new IllegalArgumentException("tcbill.job.reseller-bills must be files or pack, was " + resellerBills);
        }
        if (reconcileTolerance.signum() < 0) {
            throw new IllegalArgumentException("tcbill.job.reconcile-tolerance must not be negative");
        }
    }

    boolean packs() {
        return "pack".equals(resellerBills);
    }
}
