package io.tcbill.job;

import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * The files a job instance has archived so far, across all its executions: the newest completed archive partition of
 * each file, by partition name, leaving out objects the load step rejected (they failed to load). A restart fetches
 * only the files missing here, a rejected one again, and the load step loads all of them.
 */
final class ArchivedFiles {

    /** Load-step context key: the raw keys that failed to load, one a line; never loaded again by this job instance. */
    static final String REJECTED_KEYS = "rejectedKeys";

    private ArchivedFiles() {
    }

    /** Partition step name (e.g. {@code archiveFile:l3:800000425835}) → that partition's context. */
    static Map<String, ExecutionContext> of(JobRepository jobRepository, JobExecution current) {
        List<JobExecution> executions = List.copyOf(jobRepository.getJobExecutions(current.getJobInstance()));
        Set<String> rejected = new HashSet<>();
        for (JobExecution execution : executions) {
            for (StepExecution step : execution.getStepExecutions()) {
                if (step.getStepName().equals(MonthlyBillsJob.LOAD_TABLES)) {
                    rejected.addAll(rejected(step.getExecutionContext()));
                }
            }
        }
        Map<String, StepExecution> newest = new LinkedHashMap<>();
        for (JobExecution execution : executions) {
            for (StepExecution step : execution.getStepExecutions()) {
                ExecutionContext context = step.getExecutionContext();
                if (step.getStatus() == BatchStatus.COMPLETED && context.containsKey(ArchiveFileTasklet.RAW_KEY)
                        && !rejected.contains(context.getString(ArchiveFileTasklet.RAW_KEY))) {
                    newest.merge(step.getStepName(), step, (a, b) -> a.getId() > b.getId() ? a : b);
                }
            }
        }
        Map<String, ExecutionContext> result = new LinkedHashMap<>();
        newest.values().stream().sorted(Comparator.comparing(StepExecution::getStepName))
                .forEach(step -> result.put(step.getStepName(), step.getExecutionContext()));
        return result;
    }

    /** Adds {@code keys} to the rejected keys a load step's context holds. */
    static void reject(ExecutionContext loadStep, Collection<String> keys) {
        Set<String> all = new TreeSet<>(rejected(loadStep));
        all.addAll(keys);
        loadStep.putString(REJECTED_KEYS, String.join("\n", all));
    }

    static Set<String> rejected(ExecutionContext loadStep) {
        String keys = loadStep.containsKey(REJECTED_KEYS) ? loadStep.getString(REJECTED_KEYS) : "";
        return keys.isEmpty() ? Set.of() : Set.of(keys.split("\n"));
    }
}
