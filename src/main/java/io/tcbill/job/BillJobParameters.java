package io.tcbill.job;

import java.time.YearMonth;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;

/**
 * The business key of one run: month, feed and customer scope, plus the attempt number that lets a completed month be
 * deliberately run again. All identifying; none of them is secret.
 */
record BillJobParameters(YearMonth billMonth, String feed, List<Long> customers, long attempt) {

    static final String BILL_MONTH = "billMonth";
    static final String FEED = "feed";
    static final String SCOPE = "scope";
    static final String ATTEMPT = "attempt";
    static final String ALL_CUSTOMERS = "all";

    JobParameters toJobParameters() {
        return new JobParametersBuilder()
                .addString(BILL_MONTH, billMonth.toString())
                .addString(FEED, feed)
                .addString(SCOPE, scope())
                .addLong(ATTEMPT, attempt)
                .toJobParameters();
    }

    BillJobParameters withAttempt(long next) {
        return new BillJobParameters(billMonth, feed, customers, next);
    }

    boolean wholeMonth() {
        return customers.isEmpty();
    }

    String scope() {
        return customers.isEmpty() ? ALL_CUSTOMERS
                : customers.stream().sorted().map(String::valueOf).collect(Collectors.joining(","));
    }

    static BillJobParameters from(JobParameters parameters) {
        String scope = parameters.getString(SCOPE);
        List<Long> customers = scope == null || ALL_CUSTOMERS.equals(scope) ? List.of()
                : java.util.Arrays.stream(scope.split(",")).map(Long::valueOf).toList();
        Long attempt = parameters.getLong(ATTEMPT);
        return new BillJobParameters(YearMonth.parse(parameters.getString(BILL_MONTH)), parameters.getString(FEED),
                customers, attempt == null ? 1 : attempt);
    }
}
