package io.tcbill.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.tcbill.IntegrationTest;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The summary actions over real HTTP, reconciled against the customer's own L3 file as tcbill reconciles them. */
@IntegrationTest
class SummaryActionsIntegrationTest {

    private static final YearMonth DECEMBER = YearMonth.of(2024, 12);
    private static final List<String> SUMMARIES = List.of("DescribeBillSummaryByRegion", "DescribeBillSummaryByProduct",
            "DescribeBillSummaryByPayMode");

    private final MutableClock clock = new MutableClock(Instant.parse("2025-01-20T00:00:00Z"));
    private PartnerSimulator simulator;
    private TestClient client;

    @BeforeEach
    void start() {
        SimulatorConfig config = SimulatorConfig.defaults().withClock(clock).withPollsBeforeReady(0);
        for (String action : SUMMARIES) {
            config = config.withRateLimit(action, 100);
        }
        simulator = PartnerSimulator.start(config);
        client = new TestClient(simulator, clock);
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    @Test
    void everySummaryAddsUpToTheCustomersL3File() throws Exception {
        long customer = simulator.data().customerUins().get(1);
        List<CSVRecord> l3 = BillDataTest.parse(client.download(client.awaitUrl("DescribeCustomerBillDownloadUrl",
                "{\"Month\":\"2024-12\",\"FileType\":\"billDetail\",\"CustomerUinType\":\"Customer\",\"CustomerUin\":" + customer + "}"),
                null).body());

        JsonNode byRegion = overview("DescribeBillSummaryByRegion", customer);
        JsonNode byProduct = overview("DescribeBillSummaryByProduct", customer);
        JsonNode byPayMode = overview("DescribeBillSummaryByPayMode", customer);

        assertThat(l3).hasSize(200);
        for (JsonNode items : List.of(byRegion, byProduct, byPayMode)) {
            assertThat(sum(items, "OriginalCost")).isEqualTo(csvSum(l3, "OriginalCost", r -> true));
            assertThat(sum(items, "VoucherPayAmount")).isEqualTo(csvSum(l3, "Voucher Deduction", r -> true));
            assertThat(sum(items, "TotalCost")).isEqualTo(csvSum(l3, "Total Cost (Including Tax)", r -> true));
            assertThat(items.get(0).get("TotalCost").asString()).matches("-?\\d+\\.\\d{8}");
        }
        assertThat(values(byRegion, "RegionName")).isEqualTo(l3.stream().map(r -> r.get("Region")).collect(Collectors.toSet()));
        assertThat(values(byRegion, "RegionId")).isSubsetOf("ap-singapore", "ap-hongkong", "eu-frankfurt", "na-siliconvalley");
        assertThat(values(byProduct, "BusinessCode")).contains("p_cvm");
        assertThat(values(byProduct, "BusinessCodeName")).contains("Cloud Virtual Machine");
        for (JsonNode mode : byPayMode) {
            String billingMode = mode.get("PayMode").asString().equals("prePay") ? "Monthly Subscription" : "Pay-as-you-go";
            assertThat(new BigDecimal(mode.get("TotalCost").asString()))
                    .isEqualTo(csvSum(l3, "Total Cost (Including Tax)", r -> r.get("BillingMode").equals(billingMode)));
            assertThat(sum(mode.get("Detail"), "TotalCost")).isEqualTo(new BigDecimal(mode.get("TotalCost").asString()));
        }
        assertThat(values(byPayMode, "PayMode")).containsExactly("postPay", "prePay");
        assertThat(StreamSupport.stream(byPayMode.spliterator(), false).flatMap(m -> values(m.get("Detail"), "ActionType").stream()))
                .contains("postpay_deduct_h", "prepay_return");
        BillData.ExpectedSummary expected = simulator.data().expectedSummary(DECEMBER, customer);
        assertThat(expected.totalCost()).isEqualTo(sum(byRegion, "TotalCost"));
        assertThat(List.of(expected.regions(), expected.products(), expected.payModes()))
                .containsExactly(byRegion.size(), byProduct.size(), byPayMode.size());
    }

    @Test
    void emptyCustomerHasNoSummaryItems() {
        long empty = simulator.data().emptyCustomerUins().get(0);

        for (String action : SUMMARIES) {
            assertThat(overview(action, empty)).as(action).isEmpty();
        }
        assertThat(simulator.data().expectedSummary(DECEMBER, empty))
                .isEqualTo(new BillData.ExpectedSummary(BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, 0, 0, 0));
    }

    @Test
    void unknownCustomerAndOpenMonthAreRefused() {
        assertThat(TestClient.errorCode(client.call("DescribeBillSummaryByRegion", "{\"BillMonth\":\"2024-12\",\"CustomerUin\":123}")))
                .isEqualTo("UnauthorizedOperation.UinNoAuth");
        assertThat(TestClient.errorCode(client.call("DescribeBillSummaryByPayMode", "{\"BillMonth\":\"2025-01\",\"CustomerUin\":"
                + simulator.data().customerUins().get(0) + "}"))).isEqualTo("InvalidParameterValue.InvalidMonth");
        assertThat(TestClient.errorCode(client.call("DescribeBillSummaryByProduct", "{\"Month\":\"2024-12\",\"CustomerUin\":1}")))
                .isEqualTo("UnknownParameter");
    }

    @Test
    void summaryMismatchShiftsTheTotalOfThatCustomerOnly() {
        long shifted = simulator.data().customerUins().get(0);
        long other = simulator.data().customerUins().get(1);
        BigDecimal delta = new BigDecimal("0.01500000");
        simulator.faults().summaryMismatch(shifted, delta);

        for (String action : SUMMARIES) {
            assertThat(sum(overview(action, shifted), "TotalCost")).as(action)
                    .isEqualTo(simulator.data().expectedSummary(DECEMBER, shifted).totalCost().add(delta));
            assertThat(sum(overview(action, shifted), "OriginalCost")).as(action)
                    .isEqualTo(simulator.data().expectedSummary(DECEMBER, shifted).originalCost());
            assertThat(sum(overview(action, other), "TotalCost")).as(action)
                    .isEqualTo(simulator.data().expectedSummary(DECEMBER, other).totalCost());
        }
        JsonNode firstMode = overview("DescribeBillSummaryByPayMode", shifted).get(0);
        assertThat(sum(firstMode.get("Detail"), "TotalCost")).isEqualTo(new BigDecimal(firstMode.get("TotalCost").asString()));

        simulator.faults().reset();
        assertThat(sum(overview("DescribeBillSummaryByRegion", shifted), "TotalCost"))
                .isEqualTo(simulator.data().expectedSummary(DECEMBER, shifted).totalCost());
    }

    private JsonNode overview(String action, long customer) {
        JsonNode response = client.call(action, "{\"BillMonth\":\"2024-12\",\"CustomerUin\":" + customer + "}");
        assertThat(TestClient.errorCode(response)).as(action).isNull();
        return response.get("SummaryOverview");
    }

    static BigDecimal sum(JsonNode items, String field) {
        BigDecimal sum = BigDecimal.ZERO;
        for (JsonNode item : items) {
            sum = sum.add(new BigDecimal(item.get(field).asString()));
        }
        return sum;
    }

    private static BigDecimal csvSum(List<CSVRecord> records, String header, Predicate<CSVRecord> filter) {
        return records.stream().filter(filter).map(r -> new BigDecimal(r.get(header))).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    private static Set<String> values(JsonNode items, String field) {
        return StreamSupport.stream(items.spliterator(), false).map(i -> i.get(field).asString())
                .collect(Collectors.toCollection(java.util.LinkedHashSet::new));
    }
}
