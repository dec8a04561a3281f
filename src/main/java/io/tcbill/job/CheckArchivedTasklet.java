package io.tcbill.job;

import java.util.List;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/** Last step: fails the job when a file of this execution could not be archived, naming each; a restart fetches them. */
final class CheckArchivedTasklet implements Tasklet {

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        StepExecution step = chunkContext.getStepContext().getStepExecution();
        List<String> missing = step.getJobExecution().getStepExecutions().stream()
                .filter(s -> s.getStepName().startsWith(MonthlyBillsJob.ARCHIVE_FILE + ":"))
                .filter(s -> s.getStatus() != BatchStatus.COMPLETED)
                .map(s -> s.getStepName().substring(MonthlyBillsJob.ARCHIVE_FILE.length() + 1))
                .sorted().toList();
        if (!missing.isEmpty()) {
            throw new FilesMissingException(missing.size() + " file(s) did not arrive (" + String.join(", ", missing)
                    + "); everything else is loaded; run the month again to fetch only these");
        }
        return RepeatStatus.FINISHED;
    }

    /** Some files of the month are missing; the message names them. */
    static final class FilesMissingException extends RuntimeException {
        FilesMissingException(String message) {
            super(message);
        }
    }
}
