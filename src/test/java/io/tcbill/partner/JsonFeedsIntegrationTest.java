package io.tcbill.partner;

import io.tcbill.feed.Role;
import static io.tcbill.partner.FakePartnerServer.SECRET_ID;
import static io.tcbill.partner.FakePartnerServer.SECRET_KEY;
import static io.tcbill.partner.FakePartnerServer.error;
import static io.tcbill.partner.FakePartnerServer.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.tcbill.IntegrationTest;
import io.tcbill.partner.FakePartnerServer.Received;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** JSON feeds against a real HTTP server on 127.0.0.1 answering scripted pages. */
@IntegrationTest
class JsonFeedsIntegrationTest {

    private static final YearMonth MAY_2024 = YearMonth.of(2024, 5);
    private static final long CUSTOMER = 800000425835L;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private FakePartnerServer server;
    private final List<ApiAnswer> answers = new ArrayList<>();

    @BeforeEach
    void startServer() throws Exception {
        server = new FakePartnerServer();
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    private JsonFeeds feeds(int maxPages) {
        PartnerClient client = new PartnerClient(new ApiProperties(server.endpoint(), Role.RESELLER, SECRET_ID, SECRET_KEY,
                null, null, null, Duration.ofSeconds(2), Duration.ofSeconds(5), 1, Duration.ofMillis(1),
                Duration.ofMillis(5), false, null));
        return new JsonFeeds(client, maxPages);
    }

    @Test
    void summariesAreAskedByRegionProductAndPayModeInThatOrder() {
        // given
        server.script("DescribeBillSummaryByRegion", ok("\"SummaryOverview\":[{\"RegionId\":\"1\",\"RegionName\":"
                + "\"South China (Guangzhou)\",\"OriginalCost\":\"10.00000000\",\"VoucherPayAmount\":\"0\","
                + "\"TotalCost\":\"10.00000000\"}]"));
        server.script("DescribeBillSummaryByPayMode", ok("\"SummaryOverview\":[{\"PayMode\":\"postPay\",\"Detail\":"
                + "[{\"ActionType\":\"postpay_deduct_h\",\"TotalCost\":\"10.00000000\"}],\"TotalCost\":\"10.00000000\"}]"));

        // when
        feeds(10).summaries(MAY_2024, CUSTOMER, answers::add);

        // then
        assertThat(answers).extracting(ApiAnswer::action).containsExactly("DescribeBillSummaryByRegion",
                "DescribeBillSummaryByProduct", "DescribeBillSummaryByPayMode");
        assertThat(answers).allSatisfy(a -> {
            assertThat(a.customerUin()).isEqualTo(CUSTOMER);
            assertThat(a.request()).containsEntry("BillMonth", "2024-05").containsEntry("CustomerUin", CUSTOMER);
            assertThat(a.response().path("RequestId").asString()).isNotBlank();
        });
        assertThat(answers.get(0).response().path("SummaryOverview").get(0).path("RegionName").asString())
                .isEqualTo("South China (Guangzhou)");
        assertThat(answers.get(2).response().at("/SummaryOverview/0/Detail/0/ActionType").asString())
                .isEqualTo("postpay_deduct_h");
        assertThat(server.received()).extracting(Received::body).containsOnly(
                "{\"BillMonth\":\"2024-05\",\"CustomerUin\":800000425835}");
    }

    @Test
    void everyUsagePageOfEveryListedVoucherIsCollected() {
        // given two vouchers: 250 usage records in May for the first (3 pages), none for the second
        server.script("DescribeCustomerVoucherList", ok("\"TotalCount\":2,\"Data\":[" + voucher(7001) + ","
                + voucher(7002) + "]"));
        server.script("DescribeCustomerVoucherUsageDetails",
                usagePage(7001, 0, 100, 250), usagePage(7001, 100, 100, 250), usagePage(7001, 200, 50, 250),
                ok("\"Data\":[],\"TotalRecordsCount\":0,\"RecordsCountByMonth\":0"));

        // when
        feeds(10).voucherUsage(MAY_2024, CUSTOMER, answers::add);

        // then list first, then the usage pages in order
        assertThat(answers).extracting(ApiAnswer::action).containsExactly("DescribeCustomerVoucherList",
                "DescribeCustomerVoucherUsageDetails", "DescribeCustomerVoucherUsageDetails",
                "DescribeCustomerVoucherUsageDetails", "DescribeCustomerVoucherUsageDetails");
        List<Long> ids = new ArrayList<>();
        answers.stream().filter(a -> a.action().equals("DescribeCustomerVoucherUsageDetails"))
                .forEach(a -> a.response().path("Data").forEach(d -> ids.add(d.path("Id").asLong())));
        assertThat(ids).hasSize(250).doesNotHaveDuplicates();
        assertThat(server.received()).extracting(Received::body).containsExactly(
                "{\"CustomerUin\":800000425835,\"Page\":1,\"PageSize\":100}",
                "{\"CustomerUin\":800000425835,\"Month\":\"2024-05\",\"Page\":1,\"PageSize\":100,\"VoucherId\":7001}",
                "{\"CustomerUin\":800000425835,\"Month\":\"2024-05\",\"Page\":2,\"PageSize\":100,\"VoucherId\":7001}",
                "{\"CustomerUin\":800000425835,\"Month\":\"2024-05\",\"Page\":3,\"PageSize\":100,\"VoucherId\":7001}",
                "{\"CustomerUin\":800000425835,\"Month\":\"2024-05\",\"Page\":1,\"PageSize\":100,\"VoucherId\":7002}");
    }

    @Test
    void pagingStopsWhenTheReportedTotalIsReachedWithAFullPage() {
        // given exactly 100 usage records (one full page), the total sent as a string
        server.script("DescribeCustomerVoucherList", ok("\"TotalCount\":1,\"Data\":[" + voucher(7001) + "]"));
        server.script("DescribeCustomerVoucherUsageDetails", withStringTotal(usagePage(7001, 0, 100, 100)));

        // when
        feeds(10).voucherUsage(MAY_2024, CUSTOMER, answers::add);

        // then no second usage page was asked for
        assertThat(server.received()).extracting(Received::action).containsExactly("DescribeCustomerVoucherList",
                "DescribeCustomerVoucherUsageDetails");
        assertThat(answers.get(1).response().path("Data")).hasSize(100);
    }

    @Test
    void aServerThatNeverEndsItsPagesIsStoppedWithATerminalErrorNamingTheVoucher() {
        // given full pages of new records for a total of a million, 3 pages allowed
        server.script("DescribeCustomerVoucherList", ok("\"TotalCount\":1,\"Data\":[" + voucher(7001) + "]"));
        for (int i = 0; i < 5; i++) {
            server.script("DescribeCustomerVoucherUsageDetails", usagePage(7001, 100 * i, 100, 1_000_000));
        }

        // when
        PartnerApiException e = catchThrowableOfType(PartnerApiException.class,
                () -> feeds(3).voucherUsage(MAY_2024, CUSTOMER, answers::add));

        // then
        assertThat(e.isTransient()).isFalse();
        assertThat(e.code()).isEqualTo("EndlessPaging");
        assertThat(e.action()).isEqualTo("DescribeCustomerVoucherUsageDetails");
        assertThat(e.getMessage()).contains("customer 800000425835", "month 2024-05", "voucher 7001",
                "page 3 was still full", "300 records", "total reported 1000000");
        assertThat(server.received()).hasSize(4);
    }

    @Test
    void aServerRepeatingOneFullPageFailsAtTheSecondPageNamingActionCustomerAndPage() {
        // given a voucher list answering the same full page whatever Page says (it took 10,000 calls)
        for (int i = 0; i < 5; i++) {
            server.script("DescribeCustomerVoucherList", voucherListPage(0, 100, 1_000_000));
        }

        // when
        PartnerApiException e = catchThrowableOfType(PartnerApiException.class,
                () -> feeds(10_000).voucherUsage(MAY_2024, CUSTOMER, answers::add));

        // then
        assertThat(e.code()).isEqualTo("InconsistentAnswer");
        assertThat(e.isTransient()).isFalse();
        assertThat(e.getMessage()).startsWith("DescribeCustomerVoucherList for customer 800000425835, month 2024-05: ")
                .contains("page 2 repeats page 1 (the same 100 records); the total reported is 1000000");
        assertThat(server.received()).hasSize(2);
    }

    @Test
    void aPageWithoutATotalOrWithDataThatIsNotAListFails() {
        server.script("DescribeCustomerVoucherList", ok("\"Data\":[" + voucher(7001) + "]"));
        assertThat(catchThrowableOfType(PartnerApiException.class,
                () -> feeds(10).voucherUsage(MAY_2024, CUSTOMER, answers::add)).getMessage())
                .contains("page 1 reports no total (TotalCount, TotalRecordsCount or RecordsCountByMonth)");

        server.script("DescribeCustomerVoucherList", ok("\"TotalCount\":1,\"Data\":[" + voucher(7001) + "]"));
        server.script("DescribeCustomerVoucherUsageDetails", ok("\"Data\":{\"Id\":1},\"TotalRecordsCount\":1"));
        assertThat(catchThrowableOfType(PartnerApiException.class,
                () -> feeds(10).voucherUsage(MAY_2024, CUSTOMER, answers::add)).getMessage())
                .startsWith("DescribeCustomerVoucherUsageDetails for customer 800000425835, month 2024-05, voucher 7001: ")
                .contains("page 1: Data is an object, not a list");
    }

    @Test
    void anApiErrorNamesActionCustomerAndVoucher() {
        server.script("DescribeCustomerVoucherList", ok("\"TotalCount\":1,\"Data\":[" + voucher(7001) + "]"));
        server.script("DescribeCustomerVoucherUsageDetails", error("FailedOperation", "voucher not found"));

        PartnerApiException e = catchThrowableOfType(PartnerApiException.class,
                () -> feeds(10).voucherUsage(MAY_2024, CUSTOMER, answers::add));

        assertThat(e.code()).isEqualTo("FailedOperation");
        assertThat(e.isTransient()).isFalse();
        assertThat(e.getMessage()).startsWith("DescribeCustomerVoucherUsageDetails for customer 800000425835,"
                + " month 2024-05, voucher 7001: ").contains("voucher not found").doesNotContain(SECRET_KEY);
    }

    @Test
    void ndjsonLinesReadBackOneByOneWithExactAmountsAndUnicode() throws Exception {
        // given answers with a float amount of 8 decimals, Chinese text and a newline inside a string
        server.script("DescribeCustomerVoucherList", ok("\"TotalCount\":1,\"Data\":[{\"VoucherId\":7001,"
                + "\"TotalAmount\":12345678.12345678,\"RemainingAmount\":0.00000001,\"ApplyReason\":\"客户\\n补偿\"}]"));
        server.script("DescribeCustomerVoucherUsageDetails", usagePage(7001, 0, 2, 2));
        feeds(10).voucherUsage(MAY_2024, CUSTOMER, answers::add);
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        // when
        for (ApiAnswer answer : answers) {
            JsonFeeds.writeNdjson(answer, out);
        }

        // then
        List<String> lines = new BufferedReader(new InputStreamReader(new ByteArrayInputStream(out.toByteArray()),
                StandardCharsets.UTF_8)).lines().toList();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).startsWith("{\"action\":\"DescribeCustomerVoucherList\",\"customer_uin\":800000425835,"
                + "\"request\":{\"CustomerUin\":800000425835,\"Page\":1,\"PageSize\":100},\"response\":{")
                .contains("12345678.12345678", "0.00000001", "客户\\n补偿");
        JsonNode list = JSON.readTree(lines.get(0));
        assertThat(list.at("/response/Data/0/TotalAmount").decimalValue()).isEqualByComparingTo("12345678.12345678");
        assertThat(list.at("/response/Data/0/ApplyReason").asString()).isEqualTo("客户\n补偿");
        JsonNode usage = JSON.readTree(lines.get(1));
        assertThat(usage.path("action").asString()).isEqualTo("DescribeCustomerVoucherUsageDetails");
        assertThat(usage.path("customer_uin").asLong()).isEqualTo(CUSTOMER);
        assertThat(usage.at("/request/VoucherId").asLong()).isEqualTo(7001);
        assertThat(usage.at("/response/Data")).hasSize(2);
        assertThat(usage.at("/response/RequestId").asString()).isNotBlank();
        assertThat(out.toByteArray()[out.size() - 1]).isEqualTo((byte) '\n');
    }

    private static FakePartnerServer.Answer withStringTotal(FakePartnerServer.Answer answer) {
        return new FakePartnerServer.Answer(answer.status(), answer.body()
                .replace("\"TotalRecordsCount\":100,", "\"TotalRecordsCount\":\"100\",")
                .replace("\"RecordsCountByMonth\":100", "\"RecordsCountByMonth\":null"), 0);
    }

    /** A voucher list page of {@code count} vouchers with ids from 7000 + {@code first}; {@code total} in all. */
    private static FakePartnerServer.Answer voucherListPage(int first, int count, long total) {
        StringJoiner data = new StringJoiner(",");
        for (int i = first; i < first + count; i++) {
            data.add(voucher(7000 + i));
        }
        return ok("\"TotalCount\":" + total + ",\"Data\":[" + data + "]");
    }

    private static String voucher(long id) {
        return "{\"VoucherId\":" + id + ",\"CustomerUin\":" + CUSTOMER + ",\"VoucherStatus\":\"Issued\","
                + "\"RemainingAmount\":50.5,\"TotalAmount\":100}";
    }

    /** A usage page of {@code count} records with ids from {@code first}; {@code total} records in all. */
    private static FakePartnerServer.Answer usagePage(long voucherId, int first, int count, long total) {
        StringJoiner data = new StringJoiner(",");
        for (int i = first; i < first + count; i++) {
            data.add("{\"Id\":" + (i + 1) + ",\"VoucherId\":\"" + voucherId + "\",\"BillId\":\"b" + i + "\","
                    + "\"Amount\":1.25,\"PayTime\":\"2024-05-03 10:00:00\",\"OwnerUin\":" + CUSTOMER + "}");
        }
        return ok("\"Data\":[" + data + "],\"CustomerUin\":" + CUSTOMER + ",\"VoucherId\":" + voucherId
                + ",\"TotalRecordsCount\":" + total + ",\"Month\":\"2024-05\",\"RecordsCountByMonth\":" + total);
    }
}
