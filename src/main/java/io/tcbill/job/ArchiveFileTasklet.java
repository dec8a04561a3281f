package io.tcbill.job;

import io.tcbill.feed.Feed;
import io.tcbill.feed.FeedCatalog;
import io.tcbill.partner.JsonFeeds;
import io.tcbill.partner.PartnerClient;
import io.tcbill.poll.ReadyPoller;
import io.tcbill.run.LocalExecutions;
import io.tcbill.run.ProgressListeners;
import io.tcbill.run.RunProgress;
import io.tcbill.transfer.RawArchiver;
import io.tcbill.transfer.RawObject;
import io.tcbill.transfer.RawTarget;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
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
 * One partition of the archive step: a bill file (ask for it, wait until it is ready, stream it into the raw zone) or
 * the JSON API answers of one customer (kept verbatim as NDJSON in the raw zone). The signed link lives only in memory;
 * the step's context keeps the object key, its size and its sha256. A failure names the feed, month and customer.
 */
final class ArchiveFileTasklet implements Tasklet {

    static final String RAW_KEY = "rawKey";
    static final String RAW_SHA256 = "rawSha256";
    static final String RAW_SIZE = "rawSize";

    private final FeedCatalog feeds;
    private final PartnerClient client;
    private final JsonFeeds jsonFeeds;
    private final ReadyPoller poller;
    private final RawArchiver archiver;
    private final LocalExecutions executions;
    private final ProgressListeners progress;

    ArchiveFileTasklet(FeedCatalog feeds, PartnerClient client, JsonFeeds jsonFeeds, ReadyPoller poller, RawArchiver archiver,
                       LocalExecutions executions, ProgressListeners progress) {
        this.feeds = feeds;
        this.client = client;
        this.jsonFeeds = jsonFeeds;
        this.poller = poller;
        this.archiver = archiver;
        this.executions = executions;
        this.progress = progress;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws JobInterruptedException {
        StepExecution step = chunkContext.getStepContext().getStepExecution();
        ExecutionContext context = step.getExecutionContext();
        BillJobParameters parameters = BillJobParameters.from(step.getJobParameters());
        Feed feed = feeds.get(parameters.feed());
        Feed.SourceKind kind = Feed.SourceKind.valueOf(context.getString(FilePartitioner.SOURCE_KIND));
        Long customerUin = context.containsKey(FilePartitioner.CUSTOMER_UIN) ? context.getLong(FilePartitioner.CUSTOMER_UIN) : null;
        String what = feed.name() + " " + parameters.billMonth() + " for "
                + (kind == Feed.SourceKind.PACK ? "all customers (pack)" : customerUin == null ? "own account" : "customer " + customerUin);
        RawTarget target = new RawTarget(feed.name(), parameters.billMonth(), customerUin);
        RunProgress listener = progress.of(parameters.billMonth(), feed.name());
        RawObject raw;
        AtomicLong inFlight = new AtomicLong();
        LongConsumer received = size -> listener.bytesInFlight(feed.name(), parameters.billMonth(), size - inFlight.getAndSet(size));
        // a stop (SIGTERM) interrupts this thread while it polls or downloads, never during the step's own bookkeeping
        try (LocalExecutions.Work work = executions.working(step.getJobExecutionId())) {
            raw = feed.format() == Feed.Format.JSON
                    ? archiveAnswers(feed, parameters.billMonth(), customerUin, target)
                    : archiver.archive(target, () -> poller.awaitReady(what,
                            () -> client.describeDownloadUrl(feed.source(kind), parameters.billMonth(), customerUin)), received);
        } catch (RuntimeException e) {
            received.accept(0);
            listener.fileFailed(feed.name(), parameters.billMonth());
            if (executions.stopping(step.getJobExecutionId())) {
                // the stop interrupted the poll or download: the step ends STOPPED (resumed by the next run), not FAILED
                throw new JobInterruptedException(what + ": stopped by a shutdown signal before it was archived");
            }
            throw new FileFailedException(what, e);
        }
        received.accept(0);
        listener.fileArchived(feed.name(), parameters.billMonth(), raw.size());
        context.putString(RAW_KEY, raw.key());
        context.putString(RAW_SHA256, raw.sha256());
        context.putLong(RAW_SIZE, raw.size());
        contribution.incrementWriteCount(1);
        return RepeatStatus.FINISHED;
    }

    /** Calls the feed's JSON APIs for one customer and archives the answers as one NDJSON object. */
    private RawObject archiveAnswers(Feed feed, YearMonth month, Long customerUin, RawTarget target) {
        if (customerUin == null) {
            throw new IllegalStateException("feed " + feed.name() + " is per customer; the reseller role is needed");
        }
        String action = feed.source(Feed.SourceKind.CUSTOMER).action();
        Path file = null;
        try {
            file = Files.createTempFile("tcbill-" + feed.name() + "-", ".ndjson");
            try (OutputStream out = Files.newOutputStream(file)) {
                if (action.startsWith("DescribeBillSummary")) {
                    jsonFeeds.summaries(month, customerUin, answer -> JsonFeeds.writeNdjson(answer, out));
                } else if (action.startsWith("DescribeCustomerVoucher")) {
                    jsonFeeds.voucherUsage(month, customerUin, answer -> JsonFeeds.writeNdjson(answer, out));
                } else {
                    throw new IllegalStateException("feed " + feed.name() + ": no JSON fetch for action " + action);
                }
            }
            return archiver.archiveFile(target, feed.name() + ".ndjson", file);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the " + feed.name() + " answers to a temporary file", e);
        } finally {
            deleteQuietly(file);
        }
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            file.toFile().delete();
        }
    }
}
