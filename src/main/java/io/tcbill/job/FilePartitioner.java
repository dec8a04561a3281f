package io.tcbill.job;

import io.tcbill.feed.Feed;
import io.tcbill.feed.FeedCatalog;
import io.tcbill.partner.ApiProperties;
import io.tcbill.partner.PartnerClient;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * One partition per file to fetch: the caller's own file, or one per customer when a reseller pulls a feed that has a
 * per-customer source. Partition names are stable ({@code l3:self}, {@code l3:800000425835}) so a restart re-runs only
 * the files that did not complete.
 */
class FilePartitioner implements Partitioner {

    static final String CUSTOMER_UIN = "customerUin";
    static final String SOURCE_KIND = "sourceKind";

    private static final Logger log = LoggerFactory.getLogger(FilePartitioner.class);
    private static final int CUSTOMER_PAGE_SIZE = 100;

    private final BillJobParameters parameters;
    private final FeedCatalog feeds;
    private final PartnerClient client;
    private final ApiProperties api;

    FilePartitioner(BillJobParameters parameters, FeedCatalog feeds, PartnerClient client, ApiProperties api) {
        this.parameters = parameters;
        this.feeds = feeds;
        this.client = client;
        this.api = api;
    }

    @Override
    public Map<String, ExecutionContext> partition(int gridSize) {
        Feed feed = feeds.get(parameters.feed());
        Map<String, ExecutionContext> partitions = new LinkedHashMap<>();
        if ("reseller".equals(api.role()) && feed.has(Feed.SourceKind.CUSTOMER)) {
            List<Long> customers = parameters.wholeMonth() ? client.allCustomerUins(CUSTOMER_PAGE_SIZE) : parameters.customers();
            log.info("{} {}: {} customer file(s) to fetch", feed.name(), parameters.billMonth(), customers.size());
            for (Long uin : customers) {
                ExecutionContext context = new ExecutionContext();
                context.putString(SOURCE_KIND, Feed.SourceKind.CUSTOMER.name());
                context.putLong(CUSTOMER_UIN, uin);
                partitions.put(feed.name() + ":" + uin, context);
            }
        } else {
            ExecutionContext context = new ExecutionContext();
            context.putString(SOURCE_KIND, Feed.SourceKind.OWN.name());
            partitions.put(feed.name() + ":self", context);
        }
        return partitions;
    }
}
