package io.tcbill.job;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
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
        List<MonthlyBillsJob.StepRecord> steps = new ArrayList<>();
        for (JobExecution execution : jobRepository.getJobExecutions(current.getJobInstance())) {
            for (StepExecution step : execution.getStepExecutions()) {
                steps.add(new MonthlyBillsJob.StepRecord(step.getStepName(), step.getId(),
                        step.getStatus() == BatchStatus.COMPLETED, step.getExecutionContext()));
            }
        }
        return select(steps);
    }

    /**
     * The rule itself, over the steps of a job instance's executions however they were read (the JobRepository here,
     * SQL for {@code status}): the load steps' rejected keys, then the newest completed partition of each file whose
     * object was not rejected, sorted by partition name.
     */
    static Map<String, ExecutionContext> select(Collection<MonthlyBillsJob.StepRecord> steps) {
        Set<String> rejected = new HashSet<>();
        for (MonthlyBillsJob.StepRecord step : steps) {
            if (step.name().equals(MonthlyBillsJob.LOAD_TABLES)) {
                rejected.addAll(rejected(step.context()));
            }
        }
        Map<String, MonthlyBillsJob.StepRecord> newest = new TreeMap<>();
        for (MonthlyBillsJob.StepRecord step : steps) {
            ExecutionContext context = step.context();
            if (step.completed() && context.containsKey(ArchiveFileTasklet.RAW_KEY)
                    && !rejected.contains(context.getString(ArchiveFileTasklet.RAW_KEY))) {
                newest.merge(step.name(), step, (a, b) -> a.id() > b.id() ? a : b);
            }
        }
        Map<String, ExecutionContext> result = new LinkedHashMap<>();
        newest.forEach((name, step) -> result.put(name, step.context()));
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
