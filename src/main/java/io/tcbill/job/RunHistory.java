package io.tcbill.job;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.stereotype.Component;

/**
 * What Spring Batch's metadata says about a month and feed: its attempts, the last execution, and the raw objects the
 * month's files were archived as. Read-only; used by the runner, {@code status} and {@code backfill}.
 */
@Component
public class RunHistory {

    private final JobRepository jobRepository;

    RunHistory(JobRepository jobRepository) {
        this.jobRepository = jobRepository;
    }

    /** The newest execution of the newest attempt for the month, feed and customer scope, or null if never run. */
    public JobExecution lastExecution(YearMonth month, String feed, List<Long> customers) {
        BillJobParameters parameters = new BillJobParameters(month, feed, List.copyOf(customers), 1);
        JobExecution last = null;
        for (long attempt = 1; ; attempt++) {
            JobParameters key = parameters.withAttempt(attempt).toJobParameters();
            JobInstance instance = jobRepository.getJobInstance(MonthlyBillsJobConfiguration.JOB_NAME, key);
            if (instance == null) {
                return last;
            }
            last = jobRepository.getLastJobExecution(instance);
        }
    }

    /**
     * The newest execution of every month and feed ever run (any customer scope), newest month first; at most
     * {@code limit} job instances are read.
     */
    public List<JobExecution> latestPerMonthAndFeed(int limit) {
        java.util.Map<String, JobExecution> newest = new java.util.LinkedHashMap<>();
        for (JobInstance instance : jobRepository.getJobInstances(MonthlyBillsJobConfiguration.JOB_NAME, 0, limit)) {
            JobExecution execution = jobRepository.getLastJobExecution(instance);
            if (execution == null) {
                continue;
            }
            JobParameters parameters = execution.getJobParameters();
            String key = parameters.getString(BillJobParameters.BILL_MONTH) + "/" + parameters.getString(BillJobParameters.FEED);
            newest.merge(key, execution, (a, b) -> a.getId() > b.getId() ? a : b);
        }
        return newest.values().stream()
                .sorted(java.util.Comparator.comparing((JobExecution e) -> month(e)).reversed()
                        .thenComparing(RunHistory::feed))
                .toList();
    }

    public static YearMonth month(JobExecution execution) {
        return YearMonth.parse(execution.getJobParameters().getString(BillJobParameters.BILL_MONTH));
    }

    public static String feed(JobExecution execution) {
        return execution.getJobParameters().getString(BillJobParameters.FEED);
    }

    public static String scope(JobExecution execution) {
        return execution.getJobParameters().getString(BillJobParameters.SCOPE);
    }

    /** The attempt number of an execution of the monthly job. */
    public static long attempt(JobExecution execution) {
        Long attempt = execution.getJobParameters().getLong(BillJobParameters.ATTEMPT);
        return attempt == null ? 1 : attempt;
    }

    /** The raw object keys of every file archived for the execution's job instance. */
    public List<String> rawKeys(JobExecution execution) {
        List<String> keys = new ArrayList<>();
        for (ExecutionContext file : ArchivedFiles.of(jobRepository, execution).values()) {
            keys.add(file.getString(ArchiveFileTasklet.RAW_KEY));
        }
        return keys;
    }

    /** Rows published by the execution's load step (0 if it did not load). */
    public static long rows(JobExecution execution) {
        return execution.getStepExecutions().stream().filter(s -> s.getStepName().equals("loadTables"))
                .map(s -> s.getExecutionContext())
                .filter(c -> c.containsKey(LoadTablesTasklet.ROWS))
                .mapToLong(c -> c.getLong(LoadTablesTasklet.ROWS)).sum();
    }
}
