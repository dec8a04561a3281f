package io.tcbill.job;

import io.tcbill.feed.Role;
import io.tcbill.feed.Feed;
import io.tcbill.feed.FeedCatalog;
import io.tcbill.partner.ApiProperties;
import io.tcbill.partner.CustomerType;
import io.tcbill.run.RunProgress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * One partition per file to fetch: the caller's own file; one per customer when a reseller pulls a feed that has a
 * per-customer source (the customers the {@link ListCustomersTasklet listCustomers} step listed, or those the run was
 * limited to); or a single pack (ZIP of every customer) when {@code tcbill.job.reseller-bills=pack}. Files an
 * earlier execution of the same job instance archived are left out (unless their object failed to load), so a restart
 * fetches only what is missing. Partition names are stable ({@code l3:self}, {@code l3:800000425835}) so a restart re-runs only
 * the files that did not complete.
 */
class FilePartitioner implements Partitioner {

    static final String CUSTOMER_UIN = "customerUin";
    /** Partition-context key: the customer's {@code CustomerUinType}, when not {@code Customer}. */
    static final String CUSTOMER_TYPE = "customerType";
    static final String SOURCE_KIND = "sourceKind";

    private static final Logger log = LoggerFactory.getLogger(FilePartitioner.class);

    private final BillJobParameters parameters;
    private final FeedCatalog feeds;
    private final ApiProperties api;
    private final JobProperties job;
    private final List<Long> listed;
    private final Map<Long, CustomerType> types;
    private final Set<String> alreadyArchived;
    private final RunProgress progress;

    /**
     * {@code listed}: the customers the listing step listed for this execution, or null when it listed none;
     * {@code types}: the customer type of each UIN that is not a direct customer (a distributor's listing).
     */
    FilePartitioner(BillJobParameters parameters, FeedCatalog feeds, ApiProperties api, JobProperties job,
                    List<Long> listed, Map<Long, CustomerType> types, Set<String> alreadyArchived, RunProgress progress) {
        this.types = Map.copyOf(types);
        this.parameters = parameters;
        this.feeds = feeds;
        this.api = api;
        this.job = job;
        this.listed = listed;
        this.alreadyArchived = alreadyArchived;
        this.progress = progress;
    }

    /** Every file of the run except those an earlier execution of the same job instance already archived. */
    @Override
    public Map<String, ExecutionContext> partition(int gridSize) {
        Map<String, ExecutionContext> partitions = allPartitions();
        int all = partitions.size();
        partitions.keySet().removeIf(name -> alreadyArchived.contains(MonthlyBillsJob.ARCHIVE_FILE + ":" + name));
        log.info("{} {}: {} file(s) to fetch{}", parameters.feed(), parameters.billMonth(), partitions.size(),
                all == partitions.size() ? "" : " (" + (all - partitions.size()) + " archived by an earlier attempt)");
        progress.archiveStarted(parameters.feed(), parameters.billMonth(), partitions.size());
        return partitions;
    }

    private Map<String, ExecutionContext> allPartitions() {
        Feed feed = feeds.get(parameters.feed());
        Map<String, ExecutionContext> partitions = new LinkedHashMap<>();
        boolean reseller = api.role() == Role.RESELLER;
        if (reseller && job.packs() && parameters.wholeMonth() && feed.has(Feed.SourceKind.PACK)) {
            ExecutionContext context = new ExecutionContext();
            context.putString(SOURCE_KIND, Feed.SourceKind.PACK.name());
            partitions.put(feed.name() + ":pack", context);
        } else if (reseller && feed.has(Feed.SourceKind.CUSTOMER)) {
            List<Long> customers = parameters.wholeMonth() ? listedCustomers() : parameters.customers();
            for (Long uin : customers) {
                ExecutionContext context = new ExecutionContext();
                context.putString(SOURCE_KIND, Feed.SourceKind.CUSTOMER.name());
                context.putLong(CUSTOMER_UIN, uin);
                CustomerType type = types.getOrDefault(uin, CustomerType.CUSTOMER);
                if (type != CustomerType.CUSTOMER) {
                    context.putString(CUSTOMER_TYPE, type.apiName());
                }
                partitions.put(feed.name() + ":" + uin, context);
            }
        } else if (feed.has(Feed.SourceKind.OWN)) {
            ExecutionContext context = new ExecutionContext();
            context.putString(SOURCE_KIND, Feed.SourceKind.OWN.name());
            partitions.put(feed.name() + ":self", context);
        } else {
            throw new IllegalStateException("feed " + feed.name() + " has only per-customer sources; it needs"
                    + " tcbill.api.role=reseller (now " + api.role() + ")");
        }
        return partitions;
    }

    private List<Long> listedCustomers() {
        if (listed == null) {
            throw new IllegalStateException("the " + MonthlyBillsJob.LIST_CUSTOMERS + " step kept no customer list for "
                    + parameters.feed() + " " + parameters.billMonth() + "; run the month again");
        }
        return listed;
    }
}
