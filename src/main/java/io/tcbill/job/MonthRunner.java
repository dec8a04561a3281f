package io.tcbill.job;

import java.time.YearMonth;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.stereotype.Component;

/**
 * Runs the monthly job for a month and feed: restarts the last attempt if it failed or stopped (so files already
 * archived are reused and only unfinished files are fetched again), otherwise starts a new attempt, which replaces the
 * month in DuckDB.
 */
@Component
public class MonthRunner {

    private static final Logger log = LoggerFactory.getLogger(MonthRunner.class);

    private final JobOperator jobOperator;
    private final RunHistory history;
    private final Job monthlyBillsJob;

    MonthRunner(JobOperator jobOperator, RunHistory history, Job monthlyBillsJob) {
        this.jobOperator = jobOperator;
        this.history = history;
        this.monthlyBillsJob = monthlyBillsJob;
    }

    /** Runs one feed for one month; {@code customers} empty means every customer (the whole month). */
    public FeedRun run(YearMonth month, String feed, List<Long> customers) {
        BillJobParameters parameters = new BillJobParameters(month, feed, List.copyOf(customers), 1);
        JobExecution execution;
        try {
            JobExecution previous = history.lastExecution(month, feed, customers);
            if (previous != null && (previous.getStatus() == BatchStatus.FAILED || previous.getStatus() == BatchStatus.STOPPED)) {
                log.info("{} {}: restarting attempt {} (execution {} ended {})", feed, month,
                        RunHistory.attempt(previous), previous.getId(), previous.getStatus());
                execution = jobOperator.restart(previous);
            } else if (previous != null && previous.isRunning()) {
                return new FeedRun(feed, month, false, previous.getId(), 0,
                        "already running (execution " + previous.getId() + " started " + previous.getStartTime()
                                + "); wait for it to finish", 0);
            } else {
                long attempt = previous == null ? 1 : RunHistory.attempt(previous) + 1;
                execution = jobOperator.start(monthlyBillsJob, parameters.withAttempt(attempt).toJobParameters());
            }
        } catch (Exception e) {
            return new FeedRun(feed, month, false, -1, 0, "could not start the job: " + e.getMessage(), 0);
        }
        return outcome(feed, month, execution);
    }

    private static FeedRun outcome(String feed, YearMonth month, JobExecution execution) {
        long rows = RunHistory.rows(execution);
        double fetchSeconds = execution.getStepExecutions().stream().filter(s -> s.getStepName().equals("archiveFiles"))
                .filter(s -> s.getStartTime() != null && s.getEndTime() != null)
                .mapToDouble(s -> java.time.Duration.between(s.getStartTime(), s.getEndTime()).toMillis() / 1000.0).sum();
        if (execution.getStatus() == BatchStatus.COMPLETED) {
            return new FeedRun(feed, month, true, execution.getId(), rows, null, fetchSeconds);
        }
        return new FeedRun(feed, month, false, execution.getId(), rows, reason(execution), fetchSeconds);
    }

    /** The distinct failure messages of the workers, not Spring Batch's generic "partition handler" summary. */
    private static String reason(JobExecution execution) {
        List<String> messages = execution.getAllFailureExceptions().stream()
                .map(MonthRunner::rootMessage)
                .filter(m -> !m.startsWith("Partition handler returned an unsuccessful step"))
                .distinct().toList();
        return messages.isEmpty() ? "ended " + execution.getStatus() : String.join("; ", messages);
    }

    private static String rootMessage(Throwable failure) {
        Throwable t = failure;
        while (t.getMessage() == null && t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
