package io.tcbill.job;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the monthly job runs.
 *
 * @param concurrency how many files are requested and transferred at once (the API's rate limits still apply)
 */
@ConfigurationProperties("tcbill.job")
public record JobProperties(@DefaultValue("4") int concurrency) {

    public JobProperties {
        if (concurrency < 1 || concurrency > 64) {
            throw new IllegalArgumentException("tcbill.job.concurrency must be between 1 and 64, was " + concurrency);
        }
    }
}
