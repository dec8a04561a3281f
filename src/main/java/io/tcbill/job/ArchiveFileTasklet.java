package io.tcbill.job;

import io.tcbill.feed.Feed;
import io.tcbill.feed.FeedCatalog;
import io.tcbill.partner.PartnerClient;
import io.tcbill.poll.ReadyPoller;
import io.tcbill.transfer.RawArchiver;
import io.tcbill.transfer.RawObject;
import io.tcbill.transfer.RawTarget;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * One partition of the archive step: ask for the file, wait until it is ready, stream it into the raw zone. The signed
 * link lives only in memory; what is kept in the step's context is the object key, its size and its sha256.
 */
final class ArchiveFileTasklet implements Tasklet {

    static final String RAW_KEY = "rawKey";
    static final String RAW_SHA256 = "rawSha256";
    static final String RAW_SIZE = "rawSize";

    private final FeedCatalog feeds;
    private final PartnerClient client;
    private final ReadyPoller poller;
    private final RawArchiver archiver;

    ArchiveFileTasklet(FeedCatalog feeds, PartnerClient client, ReadyPoller poller, RawArchiver archiver) {
        this.feeds = feeds;
        this.client = client;
        this.poller = poller;
        this.archiver = archiver;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        StepExecution step = chunkContext.getStepContext().getStepExecution();
        ExecutionContext context = step.getExecutionContext();
        BillJobParameters parameters = BillJobParameters.from(step.getJobParameters());
        Feed feed = feeds.get(parameters.feed());
        Feed.Source source = feed.source(Feed.SourceKind.valueOf(context.getString(FilePartitioner.SOURCE_KIND)));
        Long customerUin = context.containsKey(FilePartitioner.CUSTOMER_UIN) ? context.getLong(FilePartitioner.CUSTOMER_UIN) : null;
        String what = feed.name() + " " + parameters.billMonth() + " for " + (customerUin == null ? "own account" : "customer " + customerUin);

        RawObject raw = archiver.archive(new RawTarget(feed.name(), parameters.billMonth(), customerUin),
                () -> poller.awaitReady(what, () -> client.describeDownloadUrl(source, parameters.billMonth(), customerUin)));

        context.putString(RAW_KEY, raw.key());
        context.putString(RAW_SHA256, raw.sha256());
        context.putLong(RAW_SIZE, raw.size());
        contribution.incrementWriteCount(1);
        return RepeatStatus.FINISHED;
    }
}
