package io.tcbill.job;

import io.tcbill.feed.Feed;
import io.tcbill.feed.FeedCatalog;
import io.tcbill.lake.LakeMirror;
import io.tcbill.load.MonthLoader;
import java.io.IOException;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * Mirrors the month's curated tables to the lake when this execution's load step published them, also when some files
 * did not load (the rows that did load reach the lake; {@link CheckLoadedTasklet checkLoaded} fails the job after).
 */
final class MirrorToLakeTasklet implements Tasklet {

    private final FeedCatalog feeds;
    private final MonthLoader loader;
    private final LakeMirror lake;

    MirrorToLakeTasklet(FeedCatalog feeds, MonthLoader loader, LakeMirror lake) {
        this.feeds = feeds;
        this.loader = loader;
        this.lake = lake;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws IOException {
        StepExecution step = chunkContext.getStepContext().getStepExecution();
        StepExecution loadStep = CheckLoadedTasklet.loadStep(step);
        if (loadStep != null && loadStep.getExecutionContext().containsKey(LoadTablesTasklet.PUBLISHED)) {
            BillJobParameters parameters = BillJobParameters.from(step.getJobParameters());
            Feed feed = feeds.get(parameters.feed());
            lake.publish(loader.curated(), feed.tables(), parameters.billMonth());
        }
        return RepeatStatus.FINISHED;
    }
}
