package io.tcbill.job;

import io.tcbill.feed.Feed;
import io.tcbill.feed.FeedCatalog;
import io.tcbill.feed.Role;
import io.tcbill.lake.LakeMirror;
import io.tcbill.load.MonthCustomer;
import io.tcbill.load.MonthLoader;
import io.tcbill.partner.ApiProperties;
import io.tcbill.partner.CustomerType;
import io.tcbill.partner.CustomerTypesProperties;
import io.tcbill.partner.ListedCustomer;
import io.tcbill.partner.PartnerClient;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * First step: when a reseller pulls a whole month of a feed with per-customer files (or its pack, which is checked
 * against the month's customers when it loads), lists every customer of the reseller, records them in
 * {@code customer_month} as the customers of the month (mirrored to the lake at once) and keeps the list in the job execution's context for the
 * archive step's partitioner. It runs again on every restart, as the partitioner's own listing did: a restart works
 * from the current list. Other runs (the caller's own file, or the customers the run was limited to) list nothing.
 */
final class ListCustomersTasklet implements Tasklet {

    /** Job-context key: the listed customer UINs, comma-separated; absent when this execution listed none. */
    static final String CUSTOMERS = "customers";
    /** Job-context key: {@code uin:Type} of each listed UIN that is not a direct customer, comma-separated. */
    static final String CUSTOMER_TYPES = "customerTypes";

    private static final int CUSTOMER_PAGE_SIZE = 100;
    private static final String CUSTOMER_MONTH = "customer_month";

    private final FeedCatalog feeds;
    private final PartnerClient client;
    private final ApiProperties api;
    private final CustomerTypesProperties customerTypes;
    private final JobProperties job;
    private final MonthLoader loader;
    private final LakeMirror lake;

    ListCustomersTasklet(FeedCatalog feeds, PartnerClient client, ApiProperties api,
                         CustomerTypesProperties customerTypes, JobProperties job, MonthLoader loader, LakeMirror lake) {
        this.customerTypes = customerTypes;
        this.feeds = feeds;
        this.client = client;
        this.api = api;
        this.job = job;
        this.loader = loader;
        this.lake = lake;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        StepExecution step = chunkContext.getStepContext().getStepExecution();
        BillJobParameters parameters = BillJobParameters.from(step.getJobParameters());
        ExecutionContext jobContext = step.getJobExecution().getExecutionContext();
        jobContext.remove(CUSTOMERS); // a restart starts from the job context of the execution before it
        jobContext.remove(CUSTOMER_TYPES);
        Feed feed = feeds.get(parameters.feed());
        if (api.role() == Role.RESELLER && job.packs() && feed.has(Feed.SourceKind.PACK) && customerTypes.distributor()) {
            throw new CustomerListException("tcbill.job.reseller-bills=pack asks for the pack of direct customers only,"
                    + " but tcbill.api.customer-types lists " + customerTypes.types() + "; nothing was requested. Pull a"
                    + " distributor's months with tcbill.job.reseller-bills=files (one file per UIN and type)");
        }
        if (lists(parameters, feed)) {
            List<ListedCustomer> customers = listCustomers(parameters);
            jobContext.putString(CUSTOMERS, customers.stream().map(c -> String.valueOf(c.customerUin()))
                    .collect(Collectors.joining(",")));
            jobContext.putString(CUSTOMER_TYPES, customers.stream().filter(c -> c.type() != CustomerType.CUSTOMER)
                    .map(c -> c.customerUin() + ":" + c.type().apiName()).collect(Collectors.joining(",")));
        }
        return RepeatStatus.FINISHED;
    }

    /** The customers this execution listed, or null when it listed none. */
    static List<Long> listed(ExecutionContext jobContext) {
        if (!jobContext.containsKey(CUSTOMERS)) {
            return null;
        }
        String customers = jobContext.getString(CUSTOMERS);
        return customers.isEmpty() ? List.of()
                : Arrays.stream(customers.split(",")).map(Long::valueOf).toList();
    }

    /** The type of each UIN this execution listed that is not a direct customer (empty when it listed none). */
    static Map<Long, CustomerType> listedTypes(ExecutionContext jobContext) {
        Map<Long, CustomerType> types = new HashMap<>();
        String value = jobContext.containsKey(CUSTOMER_TYPES) ? jobContext.getString(CUSTOMER_TYPES) : "";
        for (String pair : value.isEmpty() ? new String[0] : value.split(",")) {
            int colon = pair.indexOf(':');
            types.put(Long.valueOf(pair.substring(0, colon)), CustomerType.of(pair.substring(colon + 1), CUSTOMER_TYPES));
        }
        return types;
    }

    /** Whether the run needs the month's customer list: a reseller's whole month of a pack or per-customer feed. */
    private boolean lists(BillJobParameters parameters, Feed feed) {
        return api.role() == Role.RESELLER && parameters.wholeMonth()
                && (job.packs() && feed.has(Feed.SourceKind.PACK) || feed.has(Feed.SourceKind.CUSTOMER));
    }

    /**
     * Every customer of the reseller, recorded in {@code customer_month} as the customers of the month. A list that
     * contradicts itself fails in the client; an empty list for a month that already lists customers fails here, since
     * publishing it would empty the month's customer list.
     */
    private List<ListedCustomer> listCustomers(BillJobParameters parameters) {
        List<ListedCustomer> customers = client.allCustomers(customerTypes.types(), CUSTOMER_PAGE_SIZE);
        if (customers.isEmpty()) {
            List<Long> before = loader.publishedCustomers(parameters.billMonth());
            if (!before.isEmpty()) {
                throw new CustomerListException("DescribeCustomerUin listed no customers but " + before.size()
                        + " were listed for " + parameters.billMonth() + " before; nothing was requested and the"
                        + " month's customers and bills are kept. Run again later; if the API keeps listing no"
                        + " customers, ask Tencent Cloud why");
            }
        }
        loader.publishListedCustomers(parameters.billMonth(), customers.stream()
                        .map(c -> new MonthCustomer(c.customerUin(), c.type().apiName(), c.resellerUin())).toList(),
                "customers-" + parameters.feed() + "-" + System.currentTimeMillis());
        lake.publish(List.of(CUSTOMER_MONTH), parameters.billMonth());
        return customers;
    }
}
