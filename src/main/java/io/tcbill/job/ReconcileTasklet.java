package io.tcbill.job;

import io.tcbill.lake.LakeMirror;
import io.tcbill.run.Reconciliation;
import io.tcbill.run.RunMetrics;
import java.time.YearMonth;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * Last step of an L3 or summaries run of a reseller: reconciles the whole month when both sides are published, mirrors
 * the result to the lake and keeps the outcome for the runner. A mismatch does not fail the job (the data is published as Tencent sent it); the runner
 * and its callers turn it into exit code 4 or a failed schedule fire.
 */
final class ReconcileTasklet implements Tasklet {

    private static final Logger log = LoggerFactory.getLogger(ReconcileTasklet.class);
    private static final String PREFIX = "reconciliation.";

    private final MonthReconciler reconciler;
    private final RunMetrics metrics;
    private final LakeMirror lake;

    ReconcileTasklet(MonthReconciler reconciler, RunMetrics metrics, LakeMirror lake) {
        this.reconciler = reconciler;
        this.metrics = metrics;
        this.lake = lake;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        StepExecution step = chunkContext.getStepContext().getStepExecution();
        BillJobParameters parameters = BillJobParameters.from(step.getJobParameters());
        if (!reconciler.applies(parameters.feed())) {
            return RepeatStatus.FINISHED;
        }
        Reconciliation result = reconciler.reconcile(parameters.billMonth(), parameters.customers());
        if (result.state() != Reconciliation.State.WAITING) {
            lake.publish(List.of(MonthReconciler.RESULT), parameters.billMonth()); // the result just written
        }
        write(result, step.getExecutionContext());
        metrics.reconciled(parameters.feed(), result);
        switch (result.state()) {
            case RECONCILED -> log.info("{} {}: reconciled, {}", parameters.feed(), parameters.billMonth(), result.summary());
            case WAITING -> log.info("{} {}: {}", parameters.feed(), parameters.billMonth(), result.summary());
            case UNRECONCILED -> log.warn("{} {}: UNRECONCILED {}; {}", parameters.feed(), parameters.billMonth(),
                    result.summary(), String.join("; ", result.problems()));
        }
        return RepeatStatus.FINISHED;
    }

    static void write(Reconciliation reconciliation, ExecutionContext context) {
        context.putString(PREFIX + "month", reconciliation.month().toString());
        context.putString(PREFIX + "state", reconciliation.state().name());
        context.putLong(PREFIX + "customers", reconciliation.customers());
        context.putLong(PREFIX + "unreconciled", reconciliation.unreconciled());
        context.putLong(PREFIX + "unreconciledInRun", reconciliation.unreconciledInRun());
        context.putString(PREFIX + "problems", String.join("\n", reconciliation.problems()));
        context.putString(PREFIX + "l2Compared", String.valueOf(reconciliation.l2Compared()));
    }

    /** The reconciliation a reconcile step kept, or null when it did not reconcile (a feed without one). */
    static Reconciliation read(ExecutionContext context) {
        if (!context.containsKey(PREFIX + "state")) {
            return null;
        }
        String problems = context.getString(PREFIX + "problems");
        return new Reconciliation(YearMonth.parse(context.getString(PREFIX + "month")),
                Reconciliation.State.valueOf(context.getString(PREFIX + "state")), context.getLong(PREFIX + "customers"),
                context.getLong(PREFIX + "unreconciled"), context.getLong(PREFIX + "unreconciledInRun"),
                problems.isEmpty() ? List.of() : List.of(problems.split("\n")),
                Boolean.parseBoolean(context.getString(PREFIX + "l2Compared", "false")));
    }
}
