package io.tcbill.job;

import io.tcbill.run.Reconciliation;
import java.time.Duration;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * The monthly bills job as the runner and the run history see it: the names of the job and of its steps (the one
 * place they are spelled), the job parameters of a month and feed, and what an execution's steps recorded. Nothing
 * outside this package reads a step's execution context.
 */
public final class MonthlyBillsJob {

    public static final String NAME = "monthlyBillsJob";
    /** Lists the month's files and archives them, one {@link #ARCHIVE_FILE} partition each. */
    public static final String ARCHIVE_FILES = "archiveFiles";
    public static final String ARCHIVE_FILE = "archiveFile";
    public static final String LOAD_TABLES = "loadTables";
    public static final String CHECK_ARCHIVED = "checkArchived";
    public static final String RECONCILE = "reconcile";

    private MonthlyBillsJob() {
    }

    /** The identifying parameters of an attempt at a month and feed for {@code customers} (empty: all of them). */
    public static JobParameters parameters(YearMonth month, String feed, List<Long> customers, long attempt) {
        return new BillJobParameters(month, feed, List.copyOf(customers), attempt).toJobParameters();
    }

    public static YearMonth month(JobExecution execution) {
        return YearMonth.parse(execution.getJobParameters().getString(BillJobParameters.BILL_MONTH));
    }

    public static String feed(JobExecution execution) {
        return execution.getJobParameters().getString(BillJobParameters.FEED);
    }

    /** "all", or the customer UINs the run was limited to, comma-separated. */
    public static String scope(JobExecution execution) {
        return execution.getJobParameters().getString(BillJobParameters.SCOPE);
    }

    /** The attempt number of an execution of the monthly job. */
    public static long attempt(JobExecution execution) {
        Long attempt = execution.getJobParameters().getLong(BillJobParameters.ATTEMPT);
        return attempt == null ? 1 : attempt;
    }

    /** Rows published by the execution's load step (0 if it did not load). */
    public static long rows(JobExecution execution) {
        return execution.getStepExecutions().stream().filter(s -> s.getStepName().equals(LOAD_TABLES))
                .map(s -> s.getExecutionContext())
                .filter(c -> c.containsKey(LoadTablesTasklet.ROWS))
                .mapToLong(c -> c.getLong(LoadTablesTasklet.ROWS)).sum();
    }

    /** Seconds the archive step (requests, polls, transfers) took; 0 when it did not run. */
    public static double archiveSeconds(JobExecution execution) {
        return execution.getStepExecutions().stream().filter(s -> s.getStepName().equals(ARCHIVE_FILES))
                .filter(s -> s.getStartTime() != null && s.getEndTime() != null)
                .mapToDouble(s -> Duration.between(s.getStartTime(), s.getEndTime()).toMillis() / 1000.0).sum();
    }

    /** The reconciliation the execution's reconcile step kept, or null when it did not reconcile. */
    public static Reconciliation reconciliation(JobExecution execution) {
        return execution.getStepExecutions().stream()
                .filter(s -> s.getStepName().equals(RECONCILE))
                .map(s -> ReconcileTasklet.read(s.getExecutionContext()))
                .filter(Objects::nonNull).findFirst().orElse(null);
    }

    /** The raw object keys of every file archived for the execution's job instance. */
    public static List<String> rawKeys(JobRepository jobRepository, JobExecution execution) {
        List<String> keys = new ArrayList<>();
        for (ExecutionContext file : ArchivedFiles.of(jobRepository, execution).values()) {
            keys.add(file.getString(ArchiveFileTasklet.RAW_KEY));
        }
        return keys;
    }
}
