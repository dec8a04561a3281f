package io.tcbill.job;

import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * Fails the job when this execution's load step rejected files, with the load step's message naming each; it runs
 * after the lake mirror, so the rows that did load are in the lake too.
 */
final class CheckLoadedTasklet implements Tasklet {

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        StepExecution loadStep = loadStep(chunkContext.getStepContext().getStepExecution());
        if (loadStep != null && loadStep.getExecutionContext().containsKey(LoadTablesTasklet.REJECTED)) {
            throw new LoadFailedException(loadStep.getExecutionContext().getString(LoadTablesTasklet.REJECTED));
        }
        return RepeatStatus.FINISHED;
    }

    /** The {@link MonthlyBillsJob#LOAD_TABLES} step of {@code step}'s job execution, or null when it has none. */
    static StepExecution loadStep(StepExecution step) {
        return step.getJobExecution().getStepExecutions().stream()
                .filter(s -> s.getStepName().equals(MonthlyBillsJob.LOAD_TABLES))
                .reduce((a, b) -> b).orElse(null);
    }
}
