package io.tcbill.job;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * Last step of an L3 or summaries run of a reseller: reconciles the whole month when both sides are published and keeps
 * the outcome for the runner. A mismatch does not fail the job (the data is published as Tencent sent it); the runner
 * and its callers turn it into exit code 4 or a failed schedule fire.
 */
final class ReconcileTasklet implements Tasklet {

    private static final Logger log = LoggerFactory.getLogger(ReconcileTasklet.class);

    private final MonthReconciler reconciler;
    private final RunMetrics metrics;

    ReconcileTasklet(MonthReconciler reconciler, RunMetrics metrics) {
        this.reconciler = reconciler;
        this.metrics = metrics;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        StepExecution step = chunkContext.getStepContext().getStepExecution();
        BillJobParameters parameters = BillJobParameters.from(step.getJobParameters());
        if (!reconciler.applies(parameters.feed())) {
            return RepeatStatus.FINISHED;
        }
        Reconciliation result = reconciler.reconcile(parameters.billMonth(), parameters.customers());
        result.writeTo(step.getExecutionContext());
        metrics.reconciled(parameters.feed(), result);
        switch (result.state()) {
            case RECONCILED -> log.info("{} {}: reconciled, {}", parameters.feed(), parameters.billMonth(), result.summary());
            case WAITING -> log.info("{} {}: {}", parameters.feed(), parameters.billMonth(), result.summary());
            case UNRECONCILED -> log.warn("{} {}: UNRECONCILED {}; {}", parameters.feed(), parameters.billMonth(),
                    result.summary(), String.join("; ", result.problems()));
        }
        return RepeatStatus.FINISHED;
    }
}
