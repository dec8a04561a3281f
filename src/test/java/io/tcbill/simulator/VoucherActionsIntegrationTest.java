package io.tcbill.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.tcbill.IntegrationTest;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The voucher list and every page of the vouchers' usage, collected the way tcbill collects them. */
@IntegrationTest
class VoucherActionsIntegrationTest {

    private static final YearMonth DECEMBER = YearMonth.of(2024, 12);

    private final MutableClock clock = new MutableClock(Instant.parse("2025-01-20T00:00:00Z"));
    private PartnerSimulator simulator;
    private TestClient client;

    @BeforeEach
    void start() {
        // this test pages with an unthrottled raw client: the limits themselves are tested elsewhere
        simulator = PartnerSimulator.start(SimulatorConfig.defaults().withClock(clock).withCustomers(10, 2)
                .withRateLimit("DescribeCustomerVoucherList", 1000)
                .withRateLimit("DescribeCustomerVoucherUsageDetails", 1000));
        client = new TestClient(simulator, clock);
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    @Test
    void listPagesOverEveryThirdBilledCustomersVouchers() {
        List<JsonNode> all = new ArrayList<>();
        long totalCount = -1;
        for (int page = 1; all.size() != totalCount; page++) {
            JsonNode response = ok(client.call("DescribeCustomerVoucherList", "{\"Page\":" + page + ",\"PageSize\":2}"));
            totalCount = response.get("TotalCount").asLong();
            assertThat(response.get("Data").size()).isBetween(1, 2);
            response.get("Data").forEach(all::add);
        }

        List<Long> billed = simulator.data().customerUins().subList(0, 8);
        Set<Long> holders = new HashSet<>();
        all.forEach(v -> holders.add(v.get("CustomerUin").asLong()));
        assertThat(holders).containsExactlyInAnyOrder(billed.get(0), billed.get(3), billed.get(6));
        assertThat(totalCount).isEqualTo(billed.stream().mapToInt(c -> simulator.data().expectedVouchers(DECEMBER, c).vouchers()).sum());
        JsonNode first = all.get(0);
        assertThat(first.get("VoucherId").isIntegralNumber()).isTrue();
        assertThat(first.get("TotalAmount").isNumber()).isTrue();
        assertThat(first.get("EffectiveTime").asString()).matches("\\d{4}-\\d\\d-01 00:00:00");
        assertThat(ok(client.call("DescribeCustomerVoucherList", "{\"Page\":1,\"PageSize\":100,\"CustomerUin\":" + billed.get(1) + "}"))
                .get("TotalCount").asLong()).isZero();
    }

    @Test
    void usagePagesAddUpToTheExpectedRecordsAndAmount() {
        long customer = simulator.data().customerUins().get(0);
        JsonNode vouchers = ok(client.call("DescribeCustomerVoucherList", "{\"Page\":1,\"PageSize\":100,\"CustomerUin\":" + customer + "}"))
                .get("Data");

        long records = 0;
        BigDecimal amount = BigDecimal.ZERO;
        Set<Long> ids = new HashSet<>();
        for (JsonNode voucher : vouchers) {
            long voucherId = voucher.get("VoucherId").asLong();
            long total = -1;
            long collected = 0;
            for (int page = 1; collected != total; page++) {
                JsonNode response = ok(client.call("DescribeCustomerVoucherUsageDetails", "{\"Page\":" + page + ",\"PageSize\":7,"
                        + "\"CustomerUin\":" + customer + ",\"VoucherId\":" + voucherId + ",\"Month\":\"2024-12\"}"));
                total = response.get("TotalRecordsCount").asLong();
                assertThat(response.get("RecordsCountByMonth").asLong()).isEqualTo(total);
                assertThat(response.get("Month").asString()).isEqualTo("2024-12");
                assertThat(response.get("VoucherId").asLong()).isEqualTo(voucherId);
                assertThat(response.get("Data").size()).isLessThanOrEqualTo(7);
                if (total > 0) {
                    assertThat(response.get("Data").size()).isPositive();
                }
                for (JsonNode usage : response.get("Data")) {
                    assertThat(usage.get("VoucherId").asString()).isEqualTo(Long.toString(voucherId));
                    assertThat(usage.get("PayTime").asString()).matches("2024-12-\\d\\d \\d\\d:\\d\\d:\\d\\d");
                    assertThat(usage.get("CompletionTime").asString()).startsWith("2024-12-");
                    assertThat(usage.get("OwnerUin").asLong()).isEqualTo(customer);
                    ids.add(usage.get("Id").asLong());
                    amount = amount.add(usage.get("Amount").decimalValue());
                    collected++;
                }
            }
            records += collected;
        }

        BillData.ExpectedVouchers expected = simulator.data().expectedVouchers(DECEMBER, customer);
        assertThat(vouchers.size()).isEqualTo(expected.vouchers()).isPositive();
        assertThat(records).isEqualTo(expected.usageRecords()).isGreaterThan(7);
        assertThat(ids).hasSize((int) records);
        assertThat(amount).isEqualByComparingTo(expected.usageAmount());
    }

    @Test
    void usageWithoutMonthSpansTheVouchersMonthsUpToTheLatestFinalOne() {
        long customer = simulator.data().customerUins().get(0);
        long voucherId = ok(client.call("DescribeCustomerVoucherList", "{\"Page\":1,\"PageSize\":1,\"CustomerUin\":" + customer + "}"))
                .get("Data").get(0).get("VoucherId").asLong();
        String body = "{\"Page\":1,\"PageSize\":100,\"CustomerUin\":" + customer + ",\"VoucherId\":" + voucherId;

        JsonNode allMonths = ok(client.call("DescribeCustomerVoucherUsageDetails", body + "}"));
        JsonNode december = ok(client.call("DescribeCustomerVoucherUsageDetails", body + ",\"Month\":\"2024-12\"}"));

        assertThat(allMonths.get("Month").asString()).isEmpty();
        assertThat(allMonths.get("TotalRecordsCount").asLong()).isGreaterThan(december.get("TotalRecordsCount").asLong());
        assertThat(allMonths.get("Data").get(0).get("PayTime").asString()).isLessThan("2024-07");
    }

    @Test
    void unknownVoucherAndBadPagingAreRefused() {
        long customer = simulator.data().customerUins().get(0);
        long otherCustomer = simulator.data().customerUins().get(3);
        long foreignVoucher = ok(client.call("DescribeCustomerVoucherList", "{\"Page\":1,\"PageSize\":1,\"CustomerUin\":" + otherCustomer + "}"))
                .get("Data").get(0).get("VoucherId").asLong();

        assertThat(TestClient.errorCode(client.call("DescribeCustomerVoucherUsageDetails", "{\"Page\":1,\"PageSize\":10,"
                + "\"CustomerUin\":" + customer + ",\"VoucherId\":" + foreignVoucher + ",\"Month\":\"2024-12\"}"))).isEqualTo("FailedOperation");
        assertThat(TestClient.errorCode(client.call("DescribeCustomerVoucherList", "{\"Page\":1,\"PageSize\":101}")))
                .isEqualTo("InvalidParameterValue");
        assertThat(TestClient.errorCode(client.call("DescribeCustomerVoucherList", "{\"Page\":0,\"PageSize\":10}")))
                .isEqualTo("InvalidParameterValue");
        assertThat(TestClient.errorCode(client.call("DescribeCustomerVoucherList", "{\"Page\":1,\"PageSize\":10,\"CustomerUin\":123}")))
                .isEqualTo("FailedOperation");
    }

    private static JsonNode ok(JsonNode response) {
        assertThat(TestClient.errorCode(response)).isNull();
        return response;
    }
}
