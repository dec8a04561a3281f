package io.tcbill.job;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * The files a job instance has archived so far, across all its executions: the newest completed archive partition of
 * each file, by partition name. A restart fetches only the files missing here, and the load step loads all of them.
 */
final class ArchivedFiles {

    private ArchivedFiles() {
    }

    /** Partition step name (e.g. {@code archiveFile:l3:800000425835}) → that partition's context. */
    static Map<String, ExecutionContext> of(JobRepository jobRepository, JobExecution current) {
        Map<String, StepExecution> newest = new LinkedHashMap<>();
        for (JobExecution execution : jobRepository.getJobExecutions(current.getJobInstance())) {
            for (StepExecution step : execution.getStepExecutions()) {
                if (step.getStatus() == BatchStatus.COMPLETED && step.getExecutionContext().containsKey(ArchiveFileTasklet.RAW_KEY)) {
                    newest.merge(step.getStepName(), step, (a, b) -> a.getId() > b.getId() ? a : b);
                }
            }
        }
        Map<String, ExecutionContext> result = new LinkedHashMap<>();
        newest.values().stream().sorted(Comparator.comparing(StepExecution::getStepName))
                .forEach(step -> result.put(step.getStepName(), step.getExecutionContext()));
        return result;
    }
}
