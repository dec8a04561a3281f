package io.tcbill.run;

import io.tcbill.job.MonthlyBillsJob;
import java.time.YearMonth;
import java.util.List;
import java.util.function.Function;
import javax.sql.DataSource;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * What the metadata says about one month and feed: its attempts and the last one. Read-only; the runner reads Spring
 * Batch's executions, {@code backfill} gets {@link RunRecord}s ({@code status} reads all months with
 * {@link StatusQueries}). Each look-up reads the attempts' job instances and the newest execution's own row and load
 * step: Batch's JobRepository would read every step of the execution with its context, one query each, a partition step
 * per customer and file (2,000 customers: 2,000 queries per look-up, and a backfill looks up every month and feed).
 */
@Component
public class RunHistory {

    private final JobRepository jobRepository;
    private final DataSource metadata;
    private final String tablePrefix;

    RunHistory(JobRepository jobRepository, DataSource metadata,
               @Value("${spring.batch.jdbc.table-prefix:BATCH_}") String tablePrefix) {
        this.jobRepository = jobRepository;
        this.metadata = metadata;
        this.tablePrefix = tablePrefix;
    }

    /** The last attempt at the month, feed and customer scope, or null if never run. */
    public RunRecord last(YearMonth month, String feed, List<Long> customers) {
        Last last = lastAttempt(month, feed, customers);
        return last == null ? null : last.run();
    }

    /**
     * Whether a run of the whole month has ever completed for the feed: its data is published, whatever a later
     * re-pull did (a failed restatement keeps the rows published before).
     */
    public boolean loaded(YearMonth month, String feed) {
        for (long attempt = 1; ; attempt++) {
            JobInstance instance = jobRepository.getJobInstance(MonthlyBillsJob.NAME,
                    MonthlyBillsJob.parameters(month, feed, List.of(), attempt));
            if (instance == null) {
                return false;
            }
            if (read(queries -> queries.completed(instance.getInstanceId()))) {
                return true;
            }
        }
    }

    /**
     * The newest execution of the newest attempt for the month, feed and customer scope, or null if never run: its id,
     * status, times, job instance and parameters, enough to tell whether it runs and to restart it; without its steps and
     * contexts (read the whole execution with {@link JobRepository#getJobExecution(long)} where they are needed).
     */
    JobExecution lastExecution(YearMonth month, String feed, List<Long> customers) {
        Last last = lastAttempt(month, feed, customers);
        if (last == null) {
            return null;
        }
        JobExecution execution = new JobExecution(last.run().executionId(), last.instance(), last.parameters());
        execution.setStatus(BatchStatus.valueOf(last.run().state().name()));
        execution.setStartTime(last.run().started());
        execution.setEndTime(last.run().ended());
        return execution;
    }

    private Last lastAttempt(YearMonth month, String feed, List<Long> customers) {
        Last last = null;
        for (long attempt = 1; ; attempt++) {
            JobParameters key = MonthlyBillsJob.parameters(month, feed, customers, attempt);
            JobInstance instance = jobRepository.getJobInstance(MonthlyBillsJob.NAME, key);
            if (instance == null) {
                return last;
            }
            RunRecord run = read(queries -> queries.newest(instance.getInstanceId()));
            if (run != null) {
                last = new Last(instance, key, run);
            }
        }
    }

    private <T> T read(Function<StatusQueries, T> query) {
        return new JdbcTemplate(metadata).execute((ConnectionCallback<T>) connection ->
                query.apply(new StatusQueries(connection, tablePrefix)));
    }

    /** An attempt (its job instance and identifying parameters) and its newest execution. */
    private record Last(JobInstance instance, JobParameters parameters, RunRecord run) {
    }

    /** The first line of a failed or stopped execution's exit message, without the exception's class name. */
    static String reason(String status, String exitDescription) {
        if (BatchStatus.STOPPED.name().equals(status)) {
            // Spring Batch keeps only the class name of the interruption; a stop is always a shutdown's (GracefulStop)
            return MonthRunner.STOPPED;
        }
        if (!BatchStatus.FAILED.name().equals(status) || exitDescription == null) {
            return null;
        }
        String reason = exitDescription.lines().findFirst()
                .map(line -> line.replaceFirst("^[\\w.$]+(Exception|Error): ", "")).orElse(null);
        return reason == null || reason.isBlank() ? null : reason;
    }
}
