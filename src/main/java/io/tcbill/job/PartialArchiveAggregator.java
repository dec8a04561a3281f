package io.tcbill.job;

import java.util.Collection;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.partition.StepExecutionAggregator;
import org.springframework.batch.core.partition.support.DefaultStepExecutionAggregator;
import org.springframework.batch.core.step.StepExecution;

/**
 * Lets the archive step complete when some of its partitions failed, so the load step still loads every file that
 * did arrive; {@link CheckArchivedTasklet} then fails the job naming the missing files. Counts are aggregated as usual.
 */
final class PartialArchiveAggregator implements StepExecutionAggregator {

    private final DefaultStepExecutionAggregator counts = new DefaultStepExecutionAggregator();

    @Override
    public void aggregate(StepExecution result, Collection<StepExecution> executions) {
        counts.aggregate(result, executions);
        long failed = executions.stream().filter(e -> e.getStatus() != BatchStatus.COMPLETED).count();
        if (result.getJobExecution().isStopping()) {
            // a stop interrupted the partitions: the job must end STOPPED, not go on to load
            result.setStatus(BatchStatus.STOPPED);
            result.setExitStatus(ExitStatus.STOPPED);
        } else if (failed > 0 && result.getStatus() != BatchStatus.STOPPING && result.getStatus() != BatchStatus.STOPPED) {
            result.setStatus(BatchStatus.COMPLETED);
            result.setExitStatus(new ExitStatus("PARTIAL", failed + " of " + executions.size() + " file(s) not archived"));
        }
    }
}
