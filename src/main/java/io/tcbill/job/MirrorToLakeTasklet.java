package io.tcbill.job;

import io.tcbill.feed.FeedCatalog;
import io.tcbill.lake.LakeMirror;
import io.tcbill.load.LakeFiles;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * Mirrors the month to the lake after this execution's load step: the feed's tables when it published them, also when
 * some files did not load (the rows that did load reach the lake; {@link CheckLoadedTasklet checkLoaded} fails the job
 * after); load_log and rejected_rows, which every load attempt adds to; and the month's reconciliation of an l3 or
 * summaries run, which the load marked stale. A mirror failure fails the step, and so the run.
 */
final class MirrorToLakeTasklet implements Tasklet {

    private final FeedCatalog feeds;
    private final LakeMirror lake;
    private final MonthReconciler reconciler;

    MirrorToLakeTasklet(FeedCatalog feeds, LakeMirror lake, MonthReconciler reconciler) {
        this.feeds = feeds;
        this.lake = lake;
        this.reconciler = reconciler;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws IOException {
        StepExecution step = chunkContext.getStepContext().getStepExecution();
        StepExecution loadStep = CheckLoadedTasklet.loadStep(step);
        if (loadStep == null) {
            return RepeatStatus.FINISHED;
        }
        BillJobParameters parameters = BillJobParameters.from(step.getJobParameters());
        List<String> tables = new ArrayList<>();
        if (loadStep.getExecutionContext().containsKey(LoadTablesTasklet.PUBLISHED)) {
            tables.addAll(feeds.get(parameters.feed()).tables());
            // the earlier versions a load of these tables kept (a table without history has none to mirror)
            feeds.get(parameters.feed()).tables().stream().map(table -> table + "_history")
                    .filter(LakeFiles.APPEND_ONLY::contains).forEach(tables::add);
        }
        tables.addAll(LakeFiles.LOGS.stream().sorted().toList());
        if (reconciler.applies(parameters.feed())) {
            tables.add(MonthReconciler.RESULT);
        }
        lake.publish(tables, parameters.billMonth());
        return RepeatStatus.FINISHED;
    }
}
