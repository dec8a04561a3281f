package io.tcbill.run;

import io.tcbill.job.MonthlyBillsJob;
import java.time.YearMonth;
import java.util.List;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.stereotype.Component;

/**
 * What the metadata says about one month and feed: its attempts and the last one. Read-only; the runner reads Spring
 * Batch's executions, {@code backfill} gets {@link RunRecord}s ({@code status} reads all months with
 * {@link StatusQueries}).
 */
@Component
public class RunHistory {

    private final JobRepository jobRepository;

    RunHistory(JobRepository jobRepository) {
        this.jobRepository = jobRepository;
    }

    /** The last attempt at the month, feed and customer scope, or null if never run. */
    public RunRecord last(YearMonth month, String feed, List<Long> customers) {
        JobExecution last = lastExecution(month, feed, customers);
        return last == null ? null : record(last);
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
            if (jobRepository.getJobExecutions(instance).stream().anyMatch(e -> e.getStatus() == BatchStatus.COMPLETED)) {
                return true;
            }
        }
    }

    /** The newest execution of the newest attempt for the month, feed and customer scope, or null if never run. */
    JobExecution lastExecution(YearMonth month, String feed, List<Long> customers) {
        JobExecution last = null;
        for (long attempt = 1; ; attempt++) {
            JobParameters key = MonthlyBillsJob.parameters(month, feed, customers, attempt);
            JobInstance instance = jobRepository.getJobInstance(MonthlyBillsJob.NAME, key);
            if (instance == null) {
                return last;
            }
            last = jobRepository.getLastJobExecution(instance);
        }
    }

    private static RunRecord record(JobExecution execution) {
        BatchStatus status = execution.getStatus();
        return new RunRecord(MonthlyBillsJob.month(execution), MonthlyBillsJob.feed(execution),
                MonthlyBillsJob.scope(execution), execution.getId(), MonthlyBillsJob.attempt(execution),
                RunRecord.State.valueOf(status.name()), execution.isRunning(), execution.getStartTime(),
                execution.getEndTime(), MonthlyBillsJob.rows(execution), reason(execution), MonthlyBillsJob.restated(execution));
    }

    /** The first line of a failed or stopped execution's exit description, without the exception's class name. */
    private static String reason(JobExecution execution) {
        return reason(execution.getStatus().name(), execution.getExitStatus().getExitDescription());
    }

    /** The same from the metadata's columns: the execution's status and its exit message. */
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
