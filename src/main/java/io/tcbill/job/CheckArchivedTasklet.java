package io.tcbill.job;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;
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
        List<StepExecution> failed = step.getJobExecution().getStepExecutions().stream()
                .filter(s -> s.getStepName().startsWith(MonthlyBillsJob.ARCHIVE_FILE + ":"))
                .filter(s -> s.getStatus() != BatchStatus.COMPLETED)
                .sorted(Comparator.comparing(StepExecution::getStepName)).toList();
        if (!failed.isEmpty()) {
            List<String> missing = failed.stream()
                    .map(s -> s.getStepName().substring(MonthlyBillsJob.ARCHIVE_FILE.length() + 1)).toList();
            // the first file's reason, so that the job's own failure (what 'status' shows) names the cause
            String why = failed.stream().map(CheckArchivedTasklet::reason).filter(Objects::nonNull).findFirst()
                    .map(reason -> (failed.size() > 1 ? "; the first: " : ": ") + reason.replaceFirst("\\.$", ""))
                    .orElse("");
            throw new FilesMissingException(missing.size() + " file(s) did not arrive (" + String.join(", ", missing)
                    + ")" + why + "; everything else is loaded; run the month again to fetch only these");
        }
        return RepeatStatus.FINISHED;
    }

    /** The message of a file step's failure, or null when it has none (e.g. it was stopped). */
    private static String reason(StepExecution file) {
        return file.getFailureExceptions().stream().map(Throwable::getMessage).filter(Objects::nonNull).findFirst()
                .orElseGet(() -> file.getExitStatus().getExitDescription().lines().findFirst()
                        .map(line -> line.replaceFirst("^[\\w.$]+(Exception|Error): ", ""))
                        .filter(line -> !line.isBlank()).orElse(null));
    }

    /** Some files of the month are missing; the message names them. */
    static final class FilesMissingException extends RuntimeException {
        FilesMissingException(String message) {
            super(message);
        }
    }
}
