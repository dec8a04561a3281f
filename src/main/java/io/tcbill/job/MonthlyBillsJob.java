package io.tcbill.job;

import io.tcbill.run.Reconciliation;
import java.time.Duration;
import java.time.YearMonth;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * The monthly bills job as the runner and the run history see it: the names of the job and of its steps (the one
 * place they are spelled), the job parameters of a month and feed, and what an execution's steps recorded. Nothing
 * outside this package reads a step's execution context.
 */
public final class MonthlyBillsJob {

    public static final String NAME = "monthlyBillsJob";
    /** Lists the month's customers when a reseller pulls a whole month of a per-customer feed or its pack. */
    public static final String LIST_CUSTOMERS = "listCustomers";
    /** Lists the month's files and archives them, one {@link #ARCHIVE_FILE} partition each. */
    public static final String ARCHIVE_FILES = "archiveFiles";
    public static final String ARCHIVE_FILE = "archiveFile";
    /** Loads and publishes the archived files; ends {@code REJECTED_FILES} when some did not load. */
    public static final String LOAD_TABLES = "loadTables";
    /** Mirrors the published month to the lake (also the rows that loaded when some files did not). */
    public static final String MIRROR_TO_LAKE = "mirrorToLake";
    /** Fails the job when the load step rejected files, naming them. */
    public static final String CHECK_LOADED = "checkLoaded";
    /** Fails the job when a file did not arrive, naming it. */
    public static final String CHECK_ARCHIVED = "checkArchived";
    public static final String RECONCILE = "reconcile";
    /** Job parameter names, for readers of the metadata tables ({@code status}). */
    public static final String PARAMETER_MONTH = BillJobParameters.BILL_MONTH;
    public static final String PARAMETER_FEED = BillJobParameters.FEED;
    public static final String PARAMETER_SCOPE = BillJobParameters.SCOPE;
    public static final String PARAMETER_ATTEMPT = BillJobParameters.ATTEMPT;

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
                .mapToLong(s -> rows(s.getExecutionContext())).sum();
    }

    /** Rows one {@link #LOAD_TABLES} step's context says it published (0 if it did not load). */
    public static long rows(ExecutionContext loadStep) {
        return loadStep.containsKey(LoadTablesTasklet.ROWS) ? loadStep.getLong(LoadTablesTasklet.ROWS) : 0;
    }

    /**
     * What the execution's load step changed in months already published (e.g. {@code restated: 2 customers changed in
     * bill_l3, total +12.50 USD}), or null when it changed no earlier rows.
     */
    public static String restated(JobExecution execution) {
        return execution.getStepExecutions().stream().filter(s -> s.getStepName().equals(LOAD_TABLES))
                .map(s -> restated(s.getExecutionContext())).filter(java.util.Objects::nonNull).findFirst().orElse(null);
    }

    /** What one {@link #LOAD_TABLES} step's context says it restated, or null. */
    public static String restated(ExecutionContext loadStep) {
        return loadStep.getString(LoadTablesTasklet.RESTATED, null);
    }

    /** The raw object key an {@link #ARCHIVE_FILE} partition's context records, or null when it archived nothing. */
    public static String rawKey(ExecutionContext archivePartition) {
        return archivePartition.containsKey(ArchiveFileTasklet.RAW_KEY)
                ? archivePartition.getString(ArchiveFileTasklet.RAW_KEY) : null;
    }

    /** One step execution of the job as a reader of the metadata sees it. */
    public record StepRecord(String name, long id, boolean completed, ExecutionContext context) {
    }

    /**
     * The raw keys of the files a job instance has archived, from the steps of all its executions: the same rule a
     * restart and the load step use (the newest completed partition of each file, leaving out rejected objects),
     * sorted by partition.
     */
    public static List<String> archivedKeys(Collection<StepRecord> steps) {
        return ArchivedFiles.select(steps).values().stream().map(MonthlyBillsJob::rawKey).toList();
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
}
