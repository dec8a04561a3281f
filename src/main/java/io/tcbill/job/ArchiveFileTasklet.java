package io.tcbill.job;

import io.tcbill.feed.Feed;
import io.tcbill.partner.CustomerType;
import io.tcbill.feed.FeedCatalog;
import io.tcbill.run.LocalExecutions;
import io.tcbill.run.ProgressListeners;
import io.tcbill.run.RunProgress;
import io.tcbill.transfer.FeedArchiver;
import io.tcbill.transfer.FeedFile;
import io.tcbill.transfer.RawObject;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import org.springframework.batch.core.job.JobInterruptedException;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * One partition of the archive step: reads which file from the partition's context, archives it with the
 * {@link FeedArchiver} (a bill file through its link, or a JSON feed's answers as NDJSON), and keeps the object key,
 * its size and its sha256 in the step's context, and hands the object to {@link EagerStaging} to be staged while the
 * month's other files are archived. The signed link lives only in memory. A failure names the feed, month and customer.
 */
final class ArchiveFileTasklet implements Tasklet {

    static final String RAW_KEY = "rawKey";
    static final String RAW_SHA256 = "rawSha256";
    static final String RAW_SIZE = "rawSize";

    private final FeedCatalog feeds;
    private final FeedArchiver archiver;
    private final LocalExecutions executions;
    private final ProgressListeners progress;
    private final EagerStaging staging;

    ArchiveFileTasklet(FeedCatalog feeds, FeedArchiver archiver, LocalExecutions executions, ProgressListeners progress,
                       EagerStaging staging) {
        this.feeds = feeds;
        this.archiver = archiver;
        this.executions = executions;
        this.progress = progress;
        this.staging = staging;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws JobInterruptedException {
        StepExecution step = chunkContext.getStepContext().getStepExecution();
        ExecutionContext context = step.getExecutionContext();
        BillJobParameters parameters = BillJobParameters.from(step.getJobParameters());
        Feed feed = feeds.get(parameters.feed());
        Feed.SourceKind kind = Feed.SourceKind.valueOf(context.getString(FilePartitioner.SOURCE_KIND));
        Long customerUin = context.containsKey(FilePartitioner.CUSTOMER_UIN) ? context.getLong(FilePartitioner.CUSTOMER_UIN) : null;
        CustomerType type = context.containsKey(FilePartitioner.CUSTOMER_TYPE)
                ? CustomerType.of(context.getString(FilePartitioner.CUSTOMER_TYPE), FilePartitioner.CUSTOMER_TYPE)
                : CustomerType.CUSTOMER;
        FeedFile file = new FeedFile(feed, kind, parameters.billMonth(), customerUin, type);
        RunProgress listener = progress.of(parameters.billMonth(), feed.name());
        RawObject raw;
        AtomicLong inFlight = new AtomicLong();
        LongConsumer received = size -> listener.bytesInFlight(feed.name(), parameters.billMonth(), size - inFlight.getAndSet(size));
        // a stop (SIGTERM) interrupts this thread while it polls or downloads, never during the step's own bookkeeping
        try (LocalExecutions.Work work = executions.working(step.getJobExecutionId())) {
            raw = archiver.archive(file, received);
        } catch (RuntimeException e) {
            received.accept(0);
            listener.fileFailed(feed.name(), parameters.billMonth());
            if (executions.stopping(step.getJobExecutionId())) {
                // the stop interrupted the poll or download: the step ends STOPPED (resumed by the next run), not FAILED
                throw new JobInterruptedException(file + ": stopped by a shutdown signal before it was archived");
            }
            throw new FileFailedException(file.toString(), e);
        }
        received.accept(0);
        listener.fileArchived(feed.name(), parameters.billMonth(), raw.size());
        context.putString(RAW_KEY, raw.key());
        context.putString(RAW_SHA256, raw.sha256());
        context.putLong(RAW_SIZE, raw.size());
        staging.archived(step.getJobExecutionId(), feed, parameters.billMonth(), LoadTablesTasklet.archivedFile(context));
        contribution.incrementWriteCount(1);
        return RepeatStatus.FINISHED;
    }
}
