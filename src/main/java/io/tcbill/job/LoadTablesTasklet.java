package io.tcbill.job;

import io.tcbill.feed.Feed;
import io.tcbill.feed.FeedCatalog;
import io.tcbill.lake.LakeMirror;
import io.tcbill.load.FileResult;
import io.tcbill.load.LoadReport;
import io.tcbill.load.LoadRequest;
import io.tcbill.load.MonthLoader;
import io.tcbill.load.RawInput;
import io.tcbill.run.ProgressListeners;
import io.tcbill.run.RunMetrics;
import io.tcbill.run.RunProgress;
import io.tcbill.transfer.RawArchiver;
import io.tcbill.transfer.TransferException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * Loads every file the archive step kept for this job instance (including files archived by an earlier, interrupted
 * execution) and publishes the month once. A file that fails (its object does not match its hash, or it does not load)
 * keeps its earlier rows visible and fails the step, naming it; its object is marked rejected in the raw zone and never
 * loaded again by this job instance, so the next run fetches the file anew ({@link ArchivedFiles}).
 */
final class LoadTablesTasklet implements Tasklet {

    static final String ROWS = "rows";

    private static final Logger log = LoggerFactory.getLogger(LoadTablesTasklet.class);

    private final FeedCatalog feeds;
    private final JobRepository jobRepository;
    private final RawArchiver archiver;
    private final MonthLoader loader;
    private final LakeMirror lake;
    private final ProgressListeners progress;
    private final RunMetrics metrics;
    private final MonthReconciler reconciler;

    LoadTablesTasklet(FeedCatalog feeds, JobRepository jobRepository, RawArchiver archiver, MonthLoader loader,
                      LakeMirror lake, ProgressListeners progress, RunMetrics metrics, MonthReconciler reconciler) {
        this.feeds = feeds;
        this.jobRepository = jobRepository;
        this.archiver = archiver;
        this.loader = loader;
        this.lake = lake;
        this.progress = progress;
        this.metrics = metrics;
        this.reconciler = reconciler;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws IOException {
        StepExecution step = chunkContext.getStepContext().getStepExecution();
        BillJobParameters parameters = BillJobParameters.from(step.getJobParameters());
        Feed feed = feeds.get(parameters.feed());
        List<ExecutionContext> archived = List.copyOf(ArchivedFiles.of(jobRepository, step.getJobExecution()).values());
        if (archived.isEmpty()) {
            log.warn("{} {}: no file was archived, nothing to load", feed.name(), parameters.billMonth());
            return RepeatStatus.FINISHED;
        }
        log.info("{} {}: loading {} archived file(s)", feed.name(), parameters.billMonth(), archived.size());
        RunProgress listener = progress.of(parameters.billMonth(), feed.name());
        listener.loadStarted(feed.name(), parameters.billMonth(), archived.size());
        Path spool = Files.createDirectories(loader.workDir()).resolve("spool-" + step.getJobExecutionId());
        Files.createDirectories(spool);
        try {
            List<RawInput> inputs = new ArrayList<>();
            Map<String, String> unreadable = new LinkedHashMap<>();
            for (ExecutionContext file : archived) {
                String key = file.getString(ArchiveFileTasklet.RAW_KEY);
                Long uin = file.containsKey(FilePartitioner.CUSTOMER_UIN) ? file.getLong(FilePartitioner.CUSTOMER_UIN) : null;
                // what was requested, not what the bytes look like: a customer's link serving the pack is not a pack
                boolean pack = Feed.SourceKind.PACK.name().equals(file.getString(FilePartitioner.SOURCE_KIND, null));
                Path local = spool.resolve(Integer.toString(inputs.size() + unreadable.size()));
                try {
                    archiver.fetch(key, local);
                } catch (TransferException e) {
                    if (e.isTransient()) {
                        throw e;
                    }
                    unreadable.put(key, label(pack, uin) + " (" + key + "): " + e.getMessage());
                    continue;
                }
                inputs.add(new RawInput(local, key, uin, file.getString(ArchiveFileTasklet.RAW_SHA256),
                        file.getLong(ArchiveFileTasklet.RAW_SIZE), pack));
            }
            LoadReport report = inputs.isEmpty() ? null
                    : loader.load(new LoadRequest(feed, parameters.billMonth(), inputs, parameters.wholeMonth()),
                            file -> listener.fileLoaded(feed.name(), parameters.billMonth(), file.rows()));
            Map<String, String> rejected = new LinkedHashMap<>(unreadable);
            if (report != null) {
                step.getExecutionContext().putLong(ROWS, report.rows());
                metrics.loaded(report);
                if (report.files().stream().anyMatch(FileResult::loaded)) {
                    reconciler.published(feed.name(), parameters.billMonth());
                }
                lake.publish(loader.curatedDir(), feed.tables(), parameters.billMonth());
                contribution.incrementWriteCount(report.rows());
                report.files().stream().filter(f -> !f.loaded()).forEach(f -> rejected.put(f.input().sourceKey(),
                        label(f.input().pack(), f.input().customerUin()) + " (" + f.input().sourceKey() + "): " + f.error()));
            }
            if (!rejected.isEmpty()) {
                reject(step, rejected);
                throw new LoadFailedException(feed.name() + " " + parameters.billMonth() + ": "
                        + String.join("; ", rejected.values()) + "; the month's earlier rows of these files stay"
                        + " visible, and the next run fetches these files again");
            }
            log.info("{} {}: published {} rows from {} file(s)", feed.name(), parameters.billMonth(), report.rows(), inputs.size());
            return RepeatStatus.FINISHED;
        } finally {
            deleteQuietly(spool);
        }
    }

    /**
     * Marks each object that failed to load in the raw zone and records its key in this step's context, saved at once,
     * so that no later execution of this job instance reuses it: the next run fetches the file again.
     */
    private void reject(StepExecution step, Map<String, String> rejected) {
        rejected.forEach(archiver::reject);
        ArchivedFiles.reject(step.getExecutionContext(), rejected.keySet());
        jobRepository.updateExecutionContext(step);
    }

    private static String label(boolean pack, Long customerUin) {
        return pack ? "pack" : customerUin == null ? "own file" : "customer " + customerUin;
    }

    private static void deleteQuietly(Path dir) {
        try (var files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            log.warn("could not clean the spool directory {}: {}", dir, e.getMessage());
        }
    }
}
