package io.tcbill.job;

import io.tcbill.feed.Feed;
import io.tcbill.feed.FeedCatalog;
import io.tcbill.lake.LakeMirror;
import io.tcbill.load.FileResult;
import io.tcbill.load.LoadReport;
import io.tcbill.load.LoadRequest;
import io.tcbill.load.MonthLoader;
import io.tcbill.load.RawInput;
import io.tcbill.transfer.RawArchiver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
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
 * execution) and publishes the month once. A file that fails keeps its earlier rows visible and fails the step, naming it.
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

    LoadTablesTasklet(FeedCatalog feeds, JobRepository jobRepository, RawArchiver archiver, MonthLoader loader,
                      LakeMirror lake, ProgressListeners progress, RunMetrics metrics) {
        this.feeds = feeds;
        this.jobRepository = jobRepository;
        this.archiver = archiver;
        this.loader = loader;
        this.lake = lake;
        this.progress = progress;
        this.metrics = metrics;
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
            for (ExecutionContext file : archived) {
                String key = file.getString(ArchiveFileTasklet.RAW_KEY);
                Path local = spool.resolve(Integer.toString(inputs.size()));
                archiver.fetch(key, local);
                Long uin = file.containsKey(FilePartitioner.CUSTOMER_UIN) ? file.getLong(FilePartitioner.CUSTOMER_UIN) : null;
                // what was requested, not what the bytes look like: a customer's link serving the pack is not a pack
                boolean pack = Feed.SourceKind.PACK.name().equals(file.getString(FilePartitioner.SOURCE_KIND, null));
                inputs.add(new RawInput(local, key, uin, file.getString(ArchiveFileTasklet.RAW_SHA256),
                        file.getLong(ArchiveFileTasklet.RAW_SIZE), pack));
            }
            LoadReport report = loader.load(new LoadRequest(feed, parameters.billMonth(), inputs, parameters.wholeMonth()),
                    file -> listener.fileLoaded(feed.name(), parameters.billMonth(), file.rows()));
            step.getExecutionContext().putLong(ROWS, report.rows());
            metrics.loaded(report);
            lake.publish(loader.curatedDir(), feed.tables(), parameters.billMonth());
            contribution.incrementWriteCount(report.rows());
            if (!report.allLoaded()) {
                throw new LoadFailedException(feed.name() + " " + parameters.billMonth() + ": " + failures(report)
                        + "; the month's earlier rows of these files stay visible");
            }
            log.info("{} {}: published {} rows from {} file(s)", feed.name(), parameters.billMonth(), report.rows(), inputs.size());
            return RepeatStatus.FINISHED;
        } finally {
            deleteQuietly(spool);
        }
    }

    private static String failures(LoadReport report) {
        return report.files().stream().filter(f -> !f.loaded())
                .map(f -> (f.input().pack() ? "pack" : f.input().customerUin() == null ? "own file"
                        : "customer " + f.input().customerUin())
                        + " (" + f.input().sourceKey() + "): " + f.error())
                .collect(Collectors.joining("; "));
    }

    private static void deleteQuietly(Path dir) {
        try (var files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            log.warn("could not clean the spool directory {}: {}", dir, e.getMessage());
        }
    }
}
