package io.tcbill.job;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.flow.FlowExecutionStatus;
import org.springframework.batch.core.job.flow.JobExecutionDecider;
import org.springframework.batch.core.step.StepExecution;

/**
 * After the load: the job fails when any file of this execution could not be archived, even though every file that was
 * archived has been loaded. A restart then fetches only the missing files.
 */
final class ArchiveOutcomeDecider implements JobExecutionDecider {

    static final String SOME_FILES_MISSING = "SOME_FILES_MISSING";

    @Override
    public FlowExecutionStatus decide(JobExecution jobExecution, StepExecution stepExecution) {
        boolean archiveFailed = jobExecution.getStepExecutions().stream()
                .anyMatch(s -> s.getStepName().equals("archiveFiles") && s.getStatus() != BatchStatus.COMPLETED);
        return archiveFailed ? new FlowExecutionStatus(SOME_FILES_MISSING) : FlowExecutionStatus.COMPLETED;
    }
}
