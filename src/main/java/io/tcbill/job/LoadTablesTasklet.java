package io.tcbill.job;

import io.tcbill.feed.Feed;
import io.tcbill.feed.FeedCatalog;
import io.tcbill.load.ArchivedFile;
import io.tcbill.load.FileResult;
import io.tcbill.load.LoadReport;
import io.tcbill.load.SpooledLoad;
import io.tcbill.run.ProgressListeners;
import io.tcbill.run.RunMetrics;
import io.tcbill.run.RunProgress;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * Loads every file the archive step kept for this job instance (including files archived by an earlier, interrupted
 * execution) and publishes the month once; the files this execution archived were mostly staged already, while the
 * archive step ran ({@link EagerStaging}). A file that fails (its object does not match its hash, or it does not load)
 * keeps its earlier rows visible; its object is marked rejected in the raw zone and never loaded again by this job
 * instance, so the next run fetches the file anew ({@link ArchivedFiles}). The step then ends {@link #REJECTED_FILES}
 * rather than failing, so that {@link MirrorToLakeTasklet mirrorToLake} still mirrors the rows that did load;
 * {@link CheckLoadedTasklet checkLoaded} fails the job afterwards, naming the files.
 */
final class LoadTablesTasklet implements Tasklet {

    static final String ROWS = "rows";
    /** Step-context key: what the load changed in rows published before ({@link LoadReport#restated()}); absent: nothing. */
    static final String RESTATED = "restated";
    /** Step-context key: true when the step published the month (the lake mirrors it then). */
    static final String PUBLISHED = "published";
    /** Step-context key: why files did not load, naming each; absent when every file loaded. */
    static final String REJECTED = "rejected";
    /** The step's exit code when some files did not load. */
    static final String REJECTED_FILES = "REJECTED_FILES";

    private static final Logger log = LoggerFactory.getLogger(LoadTablesTasklet.class);

    private final FeedCatalog feeds;
    private final JobRepository jobRepository;
    private final EagerStaging load;
    private final ProgressListeners progress;
    private final RunMetrics metrics;
    private final MonthReconciler reconciler;

    LoadTablesTasklet(FeedCatalog feeds, JobRepository jobRepository, EagerStaging load, ProgressListeners progress,
                      RunMetrics metrics, MonthReconciler reconciler) {
        this.feeds = feeds;
        this.jobRepository = jobRepository;
        this.load = load;
        this.progress = progress;
        this.metrics = metrics;
        this.reconciler = reconciler;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws IOException {
        StepExecution step = chunkContext.getStepContext().getStepExecution();
        BillJobParameters parameters = BillJobParameters.from(step.getJobParameters());
        Feed feed = feeds.get(parameters.feed());
        // a restart's step starts from the context of the failed step before it: this execution's outcome only
        step.getExecutionContext().remove(PUBLISHED);
        step.getExecutionContext().remove(REJECTED);
        step.getExecutionContext().remove(RESTATED);
        List<ExecutionContext> archived = List.copyOf(ArchivedFiles.of(jobRepository, step.getJobExecution()).values());
        if (archived.isEmpty()) {
            log.warn("{} {}: no file was archived, nothing to load", feed.name(), parameters.billMonth());
            return RepeatStatus.FINISHED;
        }
        log.info("{} {}: loading {} archived file(s)", feed.name(), parameters.billMonth(), archived.size());
        RunProgress listener = progress.of(parameters.billMonth(), feed.name());
        listener.loadStarted(feed.name(), parameters.billMonth(), archived.size());
        List<ArchivedFile> files = archived.stream().map(LoadTablesTasklet::archivedFile).toList();
        SpooledLoad.Outcome outcome = load.finish(step.getJobExecutionId(), feed, parameters.billMonth(), parameters.wholeMonth(), files,
                file -> listener.fileLoaded(feed.name(), parameters.billMonth(), file.rows()));
        LoadReport report = outcome.report();
        if (report != null) {
            step.getExecutionContext().putLong(ROWS, report.rows());
            if (report.restated() != null) {
                step.getExecutionContext().putString(RESTATED, report.restated());
                log.info("{} {}: {}", feed.name(), parameters.billMonth(), report.restated());
            }
            metrics.loaded(report);
            if (report.files().stream().anyMatch(FileResult::loaded)) {
                reconciler.published(feed.name(), parameters.billMonth());
            }
            step.getExecutionContext().put(PUBLISHED, true);
            contribution.incrementWriteCount(report.rows());
        }
        if (!outcome.rejected().isEmpty()) {
            String why = feed.name() + " " + parameters.billMonth() + ": "
                    + String.join("; ", outcome.rejected().values()) + "; the month's earlier rows of these files stay"
                    + " visible, and the next run fetches these files again";
            step.getExecutionContext().putString(REJECTED, why);
            reject(step, outcome.rejected().keySet());
            contribution.setExitStatus(new ExitStatus(REJECTED_FILES, why));
            return RepeatStatus.FINISHED;
        }
        log.info("{} {}: published {} rows from {} file(s)", feed.name(), parameters.billMonth(), report.rows(),
                report.files().size());
        return RepeatStatus.FINISHED;
    }

    /** What the archive step kept for one file: the object and what it was requested as. */
    static ArchivedFile archivedFile(ExecutionContext file) {
        Long uin = file.containsKey(FilePartitioner.CUSTOMER_UIN) ? file.getLong(FilePartitioner.CUSTOMER_UIN) : null;
        // what was requested, not what the bytes look like: a customer's link serving the pack is not a pack
        boolean pack = Feed.SourceKind.PACK.name().equals(file.getString(FilePartitioner.SOURCE_KIND, null));
        return new ArchivedFile(file.getString(ArchiveFileTasklet.RAW_KEY), uin,
                file.getString(ArchiveFileTasklet.RAW_SHA256), file.getLong(ArchiveFileTasklet.RAW_SIZE), pack);
    }

    /**
     * Records the keys of the objects that failed to load (already marked rejected in the raw zone) in this step's
     * context, saved at once, so that no later execution of this job instance reuses them: the next run fetches the
     * files again.
     */
    private void reject(StepExecution step, Set<String> keys) {
        ArchivedFiles.reject(step.getExecutionContext(), keys);
        jobRepository.updateExecutionContext(step);
    }
}
