package io.tcbill.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tcbill.IntegrationTest;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Rate limits and injected faults, as a client's retry logic meets them. */
@IntegrationTest
class SimulatorFaultsIntegrationTest {

    private static final String PAGE = "{\"Page\":1,\"PageSize\":10}";

    private PartnerSimulator simulator;
    private TestClient client;

    @BeforeEach
    void start() {
        simulator = PartnerSimulator.start(SimulatorConfig.defaults().withPollsBeforeReady(0));
        client = new TestClient(simulator, Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    @Test
    void burstBeyondTwentyPerSecondIsRefusedWithRequestLimitExceeded() {
        List<CompletableFuture<JsonNode>> burst = IntStream.range(0, 60)
                .mapToObj(i -> client.callAsync(TestClient.Signing.demo(), "DescribeCustomerUin", PAGE, "2022-09-28"))
                .toList();
        List<String> codes = burst.stream().map(CompletableFuture::join).map(TestClient::errorCode).toList();

        long refused = codes.stream().filter("RequestLimitExceeded"::equals).count();
        assertThat(refused).isPositive();
        assertThat(codes.stream().filter(c -> c == null).count()).isBetween(20L, 60L - refused);
        assertThat(simulator.stats().requestLimitExceeded("DescribeCustomerUin")).isEqualTo(refused);
        assertThat(simulator.stats().maxRequestsPerSecond("DescribeCustomerUin")).isGreaterThan(20);
        assertThat(simulator.stats().requests("DescribeCustomerUin")).isEqualTo(60);
    }

    @Test
    void serviceBusyEveryThirdCallThenSwitchedOff() {
        simulator.faults().serviceBusyEvery(3);
        List<String> codes = IntStream.range(0, 6).mapToObj(i -> TestClient.errorCode(client.call("DescribeCustomerUin", PAGE))).toList();
        simulator.faults().reset();
        String after = TestClient.errorCode(client.call("DescribeCustomerUin", PAGE));

        assertThat(codes).containsExactly(null, null, "OperationDenied.ServiceBusy", null, null, "OperationDenied.ServiceBusy");
        assertThat(after).isNull();
        assertThat(simulator.stats().errors("OperationDenied.ServiceBusy")).isEqualTo(2);
    }

    @Test
    void internalErrorEverySecondCall() {
        simulator.faults().internalErrorEvery(2);

        assertThat(TestClient.errorCode(client.call("DescribeCustomerUin", PAGE))).isNull();
        assertThat(TestClient.errorCode(client.call("DescribeCustomerUin", PAGE))).isEqualTo("InternalError");
    }

    @Test
    void neverReadyHoldsBackOnlyTheChosenFiles() {
        long held = simulator.data().customerUins().get(0);
        long other = simulator.data().customerUins().get(1);
        simulator.faults().neverReady(held).neverReady("commission");

        assertThat(ready(customerBill(held))).isZero();
        assertThat(ready(customerBill(held))).isZero();
        assertThat(ready(client.call("DescribeRebateDownloadUrl", "{\"Month\":\"2024-12\",\"FileType\":\"CommissionDetail\"}"))).isZero();
        assertThat(ready(customerBill(other))).isEqualTo(1);
        assertThat(ready(client.call("DescribeBillDownloadUrl", "{\"Month\":\"2024-12\",\"FileType\":\"L2\"}"))).isEqualTo(1);

        simulator.faults().neverReady((Long) null);
        assertThat(ready(client.call("DescribeBillDownloadUrl", "{\"Month\":\"2024-12\",\"FileType\":\"L2\"}"))).isZero();
    }

    @Test
    void summariesAllowOneRequestPerSecondByDefault() {
        String body = "{\"BillMonth\":\"2024-12\",\"CustomerUin\":" + simulator.data().customerUins().get(0) + "}";

        List<String> codes = IntStream.range(0, 3)
                .mapToObj(i -> client.callAsync(TestClient.Signing.demo(), "DescribeBillSummaryByRegion", body, "2022-09-28"))
                .toList().stream().map(CompletableFuture::join).map(TestClient::errorCode).toList();

        assertThat(codes).containsExactlyInAnyOrder(null, "RequestLimitExceeded", "RequestLimitExceeded");
        assertThat(simulator.stats().maxRequestsPerSecond("DescribeBillSummaryByRegion")).isEqualTo(3);
    }

    @Test
    void configuredRateLimitReplacesTheDocumentedOne() {
        try (PartnerSimulator fast = PartnerSimulator.start(SimulatorConfig.defaults().withRateLimit("DescribeBillSummaryByRegion", 50))) {
            TestClient fastClient = new TestClient(fast, Clock.systemUTC());
            String body = "{\"BillMonth\":\"2024-12\",\"CustomerUin\":" + fast.data().customerUins().get(0) + "}";

            List<String> codes = IntStream.range(0, 20)
                    .mapToObj(i -> fastClient.callAsync(TestClient.Signing.demo(), "DescribeBillSummaryByRegion", body, "2022-09-28"))
                    .toList().stream().map(CompletableFuture::join).map(TestClient::errorCode).toList();

            assertThat(codes).containsOnlyNulls().hasSize(20);
            assertThat(fast.stats().requestLimitExceeded("DescribeBillSummaryByRegion")).isZero();
            assertThat(fast.stats().maxRequestsPerSecond("DescribeBillSummaryByRegion")).isGreaterThan(1);
        }
        assertThatThrownBy(() -> PartnerSimulator.start(SimulatorConfig.defaults().withRateLimit("DescribeNothing", 5)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("DescribeNothing");
        assertThatThrownBy(() -> SimulatorConfig.defaults().withRateLimit("DescribeCustomerUin", 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private JsonNode customerBill(long uin) {
        return client.call("DescribeCustomerBillDownloadUrl",
                "{\"Month\":\"2024-12\",\"FileType\":\"billDetail\",\"CustomerUinType\":\"Customer\",\"CustomerUin\":" + uin + "}");
    }

    private static int ready(JsonNode response) {
        assertThat(TestClient.errorCode(response)).isNull();
        return response.get("Ready").asInt();
    }
}
