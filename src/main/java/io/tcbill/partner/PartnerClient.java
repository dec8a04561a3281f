package io.tcbill.partner;

import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.tcbill.feed.Feed;
import io.tcbill.partner.ApiMessages.BillDownloadUrlRequest;
import io.tcbill.partner.ApiMessages.CustomerBillDownloadUrlRequest;
import io.tcbill.partner.ApiMessages.CustomerUinRequest;
import io.tcbill.partner.ApiMessages.CustomerUinResponse;
import io.tcbill.partner.ApiMessages.DownloadUrlResponse;
import io.tcbill.partner.ApiMessages.IndirectCustomersRequest;
import io.tcbill.partner.ApiMessages.IndirectCustomersResponse;
import io.tcbill.partner.ApiMessages.SubAgentsRequest;
import io.tcbill.partner.ApiMessages.SubAgentsResponse;
import io.tcbill.partner.ApiMessages.RebateDownloadUrlRequest;
import java.time.Clock;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Partner API ({@code intlpartnersmgt}, 2022-09-28): typed calls for the pipeline's actions and a generic
 * {@link #call}. Thread-safe; share one instance. Every request waits for its action's rate limiter and transient
 * errors are retried with exponential backoff and jitter; terminal errors are thrown at once. Errors by code and retries
 * are counted in the Micrometer registry it was given, if any ({@link ApiMetrics}).
 */
@Component
public final class PartnerClient {

    static final String CUSTOMER_UIN_TYPE = "Customer";
    private static final Logger log = LoggerFactory.getLogger(PartnerClient.class);

    private final ApiProperties properties;
    private final JsonMapper json = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS) // voucher amounts are JSON floats: keep them exact
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();
    private final Tc3Transport transport;
    private final ActionRateLimiters limiters;
    private final Retry retry;
    private final ApiMetrics metrics;

    /** A client that records no metrics (bench, tests). */
    public PartnerClient(ApiProperties properties) {
        this(properties, Clock.systemUTC(), new CompositeMeterRegistry());
    }

    @Autowired
    PartnerClient(ApiProperties properties, ObjectProvider<MeterRegistry> registry) {
        this(properties, Clock.systemUTC(), registry.getIfAvailable(CompositeMeterRegistry::new));
    }

    /** Tests: a fixed clock for {@code X-TC-Timestamp}. */
    PartnerClient(ApiProperties properties, Clock clock) {
        this(properties, clock, new CompositeMeterRegistry());
    }

    PartnerClient(ApiProperties properties, Clock clock, MeterRegistry registry) {
        this.properties = properties;
        this.metrics = new ApiMetrics(registry);
        this.transport = new Tc3Transport(properties, json, clock);
        this.limiters = new ActionRateLimiters(properties.rateLimits());
        this.retry = Retry.of("partner-api", RetryConfig.custom()
                .maxAttempts(properties.maxAttempts())
                .intervalFunction(IntervalFunction.ofExponentialRandomBackoff(properties.initialBackoff(), 2.0, 0.5,
                        properties.maxBackoff()))
                .retryOnException(e -> e instanceof PartnerApiException p && p.isTransient())
                .build());
        this.retry.getEventPublisher().onRetry(event -> {
            PartnerApiException e = (PartnerApiException) event.getLastThrowable();
            metrics.retried(e);
            log.warn("{} failed with {} (attempt {} of {}), retrying in {} ms", e.action(), e.code(),
                    event.getNumberOfRetryAttempts(), properties.maxAttempts(), event.getWaitInterval().toMillis());
        });
    }

    /** Own bill file: {@code fileType} L2 or L3. */
    public DownloadLink describeBillDownloadUrl(YearMonth month, String fileType) {
        return download("DescribeBillDownloadUrl", new BillDownloadUrlRequest(month.toString(), fileType));
    }

    /** A customer's bill file, or with {@code customerUin == null} a pack of all customers ({@code *Pack} types). */
    public DownloadLink describeCustomerBillDownloadUrl(YearMonth month, String fileType, String customerUinType,
                                                        String fileLanguage, Long customerUin) {
        if (fileType.endsWith("Pack") && customerUin != null) {
            throw new IllegalArgumentException(fileType + " is a pack of all customers: pass no customer UIN (got "
                    + customerUin + ")");
        }
        return download("DescribeCustomerBillDownloadUrl", new CustomerBillDownloadUrlRequest(month.toString(),
                fileType, customerUinType, fileLanguage, customerUin));
    }

    /** Commission file: {@code fileType} CommissionDetail. */
    public DownloadLink describeRebateDownloadUrl(YearMonth month, String fileType) {
        return download("DescribeRebateDownloadUrl", new RebateDownloadUrlRequest(month.toString(), fileType));
    }

    /**
     * The download link of a feed's source (see {@code jobs/*.yml}); customer bills use CustomerUinType
     * {@value #CUSTOMER_UIN_TYPE} and the configured FileLanguage ({@code tcbill.api.file-language}); {@code customerUin} is ignored by the
     * own and commission actions and must be null for packs.
     */
    public DownloadLink describeDownloadUrl(Feed.Source source, YearMonth month, Long customerUin) {
        return describeDownloadUrl(source, month, customerUin, CustomerType.CUSTOMER);
    }

    /** The same for a UIN of {@code type} (a distributor's second-level reseller or its customer): its CustomerUinType. */
    public DownloadLink describeDownloadUrl(Feed.Source source, YearMonth month, Long customerUin, CustomerType type) {
        return switch (source.action()) {
            case "DescribeBillDownloadUrl" -> describeBillDownloadUrl(month, source.fileType());
            case "DescribeRebateDownloadUrl" -> describeRebateDownloadUrl(month, source.fileType());
            case "DescribeCustomerBillDownloadUrl" -> describeCustomerBillDownloadUrl(month, source.fileType(),
                    type.apiName(), properties.fileLanguage().code(), customerUin);
            default -> throw new IllegalArgumentException("no download-URL action " + source.action()
                    + " (feed source with FileType " + source.fileType() + "); expected DescribeBillDownloadUrl,"
                    + " DescribeCustomerBillDownloadUrl or DescribeRebateDownloadUrl");
        };
    }

    /**
     * One page of customer UINs; pages start at 1. A page without a {@code Total} count, without a {@code Data} list
     * while Total is positive, or with a UIN that is not a positive integer fails with the terminal code
     * {@code InconsistentAnswer}.
     */
    public CustomerUinPage describeCustomerUin(long page, long pageSize) {
        String action = CustomerListing.ACTION;
        JsonNode answer = invoke(action, new CustomerUinRequest(page, pageSize));
        return CustomerListing.page(convert(action, answer, CustomerUinResponse.class), page, pageSize,
                answer.path("RequestId").asString(null));
    }

    /**
     * All customer UINs: exactly {@code Total} distinct ones, read page by page and never past
     * {@code ceil(Total / pageSize)} pages. A list that contradicts itself (its pages list more or fewer UINs than
     * Total, a page repeats the one before, Total changes between pages) fails with the terminal code
     * {@code InconsistentAnswer}, naming Total, the UINs listed and the pages read.
     */
    public List<Long> allCustomerUins(long pageSize) {
        return CustomerListing.all(page -> describeCustomerUin(page, pageSize), pageSize);
    }

    /**
     * Every UIN of the configured {@code types}: direct customers by {@code DescribeCustomerUin}, second-level
     * resellers by {@code QuerySubAgentsDetailV2} and each one's customers by {@code QueryT1IndirectCustomersDetail}
     * (pages of at most 100), each listing as strict as {@link #allCustomerUins}; a UIN listed under two types fails.
     */
    public List<ListedCustomer> allCustomers(Set<CustomerType> types, long pageSize) {
        return DistributorListing.all(types, this::allCustomerUins,
                size -> CustomerListing.all(DistributorListing.SUB_AGENTS, page -> subAgents(page, size), size),
                (reseller, size) -> CustomerListing.all(DistributorListing.INDIRECT_CUSTOMERS,
                        page -> indirectCustomers(reseller, page, size), size),
                pageSize);
    }

    private CustomerUinPage subAgents(long page, long pageSize) {
        String action = DistributorListing.SUB_AGENTS;
        JsonNode answer = invoke(action, new SubAgentsRequest(page, pageSize));
        SubAgentsResponse response = convert(action, answer, SubAgentsResponse.class);
        return DistributorListing.page(action, response.total(), response.data() == null ? null
                        : response.data().stream().map(d -> d == null ? null : d.subAgentUin()).toList(),
                page, answer.path("RequestId").asString(null));
    }

    private CustomerUinPage indirectCustomers(long reseller, long page, long pageSize) {
        String action = DistributorListing.INDIRECT_CUSTOMERS;
        JsonNode answer = invoke(action, new IndirectCustomersRequest(reseller, page, pageSize));
        IndirectCustomersResponse response = convert(action, answer, IndirectCustomersResponse.class);
        return DistributorListing.page(action, response.total(), response.data() == null ? null
                        : response.data().stream().map(d -> d == null ? null : d.clientUin()).toList(),
                page, answer.path("RequestId").asString(null));
    }

    /**
     * Any action: returns the {@code Response} object as sent, {@code RequestId} included (an error envelope is thrown
     * instead); keys are sent sorted; JSON floats are read as exact decimals.
     */
    public JsonNode call(String action, Map<String, Object> params) {
        return invoke(action, params == null ? Map.of() : params);
    }

    /**
     * A download-URL answer; {@code Ready = 1} without a usable {@code DownloadUrl} fails at once with the terminal
     * {@code InconsistentAnswer}, rather than being polled as "not ready" until the deadline.
     */
    private DownloadLink download(String action, Object request) {
        JsonNode answer = invoke(action, request);
        DownloadLink link = convert(action, answer, DownloadUrlResponse.class).toLink();
        if (link.readyWithoutLink()) {
            throw metrics.failed(new PartnerApiException(action, ApiErrors.INCONSISTENT_ANSWER,
                    "the API answered Ready=1 without a usable DownloadUrl (" + link.linkProblem() + ")",
                    answer.path("RequestId").asString(null), false));
        }
        return link;
    }

    private JsonNode invoke(String action, Object request) {
        if (!properties.hasCredentials()) {
            throw metrics.failed(new PartnerApiException(action, ApiErrors.MISSING_CREDENTIALS,
                    "no API key configured (tcbill.api.secret-id / secret-key are empty)", null, false));
        }
        String body = json.writeValueAsString(request);
        try {
            return retry.executeSupplier(() -> {
                try (ActionRateLimiters.Permit permit = permit(action)) {
                    return transport.post(action, body);
                } catch (PartnerApiException e) {
                    throw metrics.failed(e);
                }
            });
        } catch (PartnerApiException e) {
            throw e.isTransient() && properties.maxAttempts() > 1 ? e.afterAttempts(properties.maxAttempts()) : e;
        }
    }

    private ActionRateLimiters.Permit permit(String action) {
        try {
            return limiters.acquire(action);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PartnerApiException(action, ApiErrors.INTERRUPTED, "interrupted while rate limited", null,
                    false, e);
        }
    }

    private <T> T convert(String action, JsonNode response, Class<T> type) {
        try {
            return json.treeToValue(response, type);
        } catch (JacksonException e) {
            throw new PartnerApiException(action, ApiErrors.INVALID_RESPONSE,
                    "unexpected response shape: " + e.getOriginalMessage(), response.path("RequestId").asString(null),
                    false);
        }
    }
}
