package io.tcbill.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.tcbill.IntegrationTest;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The happy path over real HTTP: poll until ready, download from the link, and what the link must refuse. */
@IntegrationTest
class PartnerSimulatorIntegrationTest {

    private static final String OWN_L3 = "{\"Month\":\"2024-12\",\"FileType\":\"L3\"}";
    private static final YearMonth DECEMBER = YearMonth.of(2024, 12);

    private final MutableClock clock = new MutableClock(Instant.parse("2025-01-20T00:00:00Z"));
    private PartnerSimulator simulator;
    private TestClient client;

    @BeforeEach
    void start() {
        simulator = PartnerSimulator.start(SimulatorConfig.defaults().withClock(clock));
        client = new TestClient(simulator, clock);
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    @Test
    void ownBillIsGeneratingTwiceThenReadyWithALinkToTheExpectedCsv() throws Exception {
        JsonNode first = client.call("DescribeBillDownloadUrl", OWN_L3);
        JsonNode second = client.call("DescribeBillDownloadUrl", OWN_L3);
        JsonNode third = client.call("DescribeBillDownloadUrl", OWN_L3);

        assertThat(first.get("Ready").asInt()).isZero();
        assertThat(first.get("DownloadUrl").asString()).isEmpty();
        assertThat(first.get("RequestId").asString()).matches("[0-9a-f-]{36}");
        assertThat(second.get("Ready").asInt()).isZero();
        assertThat(third.get("Ready").asInt()).isEqualTo(1);
        String url = third.get("DownloadUrl").asString();
        long ownUin = simulator.data().ownUin();
        assertThat(url).startsWith(simulator.endpoint() + "/cos/")
                .contains("/L3-bill_details-" + ownUin + "-202412-")
                .contains(".csv?q-sign-algorithm=sha1&q-ak=")
                .contains("&q-sign-time=1737331200%3B1737334800&");

        HttpResponse<byte[]> download = client.download(url, null);
        BillData.ExpectedFile expected = simulator.data().expected("l3", DECEMBER, null);
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.headers().firstValueAsLong("Content-Length")).hasValue(expected.bytes());
        List<CSVRecord> records = BillDataTest.parse(download.body());
        assertThat(records).hasSize(500);
        assertThat(sum(records, "Total Cost (Including Tax)")).isEqualTo(expected.totalCost());
        assertThat(simulator.stats().requests("DescribeBillDownloadUrl")).isEqualTo(3);
        assertThat(simulator.stats().downloads()).isEqualTo(1);
    }

    @Test
    void customerBillsAndCommissionDownloadWithTheirExpectedTotals() throws Exception {
        long customer = simulator.data().customerUins().get(1);
        String l2 = client.awaitUrl("DescribeCustomerBillDownloadUrl", "{\"Month\":\"2024-12\",\"FileType\":\"billResource\","
                + "\"CustomerUinType\":\"Customer\",\"CustomerUin\":" + customer + "}");
        String commission = client.awaitUrl("DescribeRebateDownloadUrl", "{\"Month\":\"2024-12\",\"FileType\":\"CommissionDetail\"}");

        assertThat(l2).contains("/L2-bill_by_Instance-" + customer + "-202412-");
        assertThat(commission).contains("/CommissionDetail-202412-");
        List<CSVRecord> l2Rows = BillDataTest.parse(client.download(l2, null).body());
        List<CSVRecord> commissionRows = BillDataTest.parse(client.download(commission, null).body());
        assertThat(l2Rows).hasSize(50);
        assertThat(sum(l2Rows, "Total Cost (Including Tax)"))
                .isEqualTo(simulator.data().expected("l2", DECEMBER, customer).totalCost());
        assertThat(commissionRows).hasSize(60);
        assertThat(sum(commissionRows, "Commission Amount"))
                .isEqualTo(simulator.data().expected("commission", DECEMBER, null).totalCost());
    }

    @Test
    void emptyCustomerGetsAHeaderOnlyFile() throws Exception {
        long empty = simulator.data().emptyCustomerUins().get(0);
        String url = client.awaitUrl("DescribeCustomerBillDownloadUrl", "{\"Month\":\"2024-12\",\"FileType\":\"billDetail\","
                + "\"CustomerUinType\":\"Customer\",\"FileLanguage\":\"zh_cn\",\"CustomerUin\":" + empty + "}");

        assertThat(BillDataTest.parse(client.download(url, null).body())).isEmpty();
    }

    @Test
    void rangeRequestResumesFromAnOffset() {
        String url = client.awaitUrl("DescribeBillDownloadUrl", OWN_L3);
        byte[] whole = client.download(url, null).body();

        HttpResponse<byte[]> tail = client.download(url, "bytes=1000-");
        HttpResponse<byte[]> middle = client.download(url, "bytes=10-19");
        HttpResponse<byte[]> beyond = client.download(url, "bytes=" + whole.length + "-");

        assertThat(tail.statusCode()).isEqualTo(206);
        assertThat(tail.headers().firstValue("Content-Range")).hasValue("bytes 1000-" + (whole.length - 1) + "/" + whole.length);
        assertThat(tail.body()).isEqualTo(Arrays.copyOfRange(whole, 1000, whole.length));
        assertThat(middle.body()).isEqualTo(Arrays.copyOfRange(whole, 10, 20));
        assertThat(beyond.statusCode()).isEqualTo(416);
    }

    @Test
    void linkExpiresAfterItsTimeToLive() {
        String url = client.awaitUrl("DescribeBillDownloadUrl", OWN_L3);
        clock.advance(Duration.ofMinutes(59));
        assertThat(client.download(url, "bytes=0-9").statusCode()).isEqualTo(206);

        clock.advance(Duration.ofMinutes(2));
        HttpResponse<byte[]> expired = client.download(url, null);

        assertThat(expired.statusCode()).isEqualTo(403);
        assertThat(new String(expired.body())).contains("<Code>AccessDenied</Code>", "<Message>Request has expired</Message>")
                .doesNotContain("q-signature");
        assertThat(simulator.stats().downloadsDenied()).isEqualTo(1);
    }

    @Test
    void tamperedLinkIsDenied() {
        String url = client.awaitUrl("DescribeBillDownloadUrl", OWN_L3);
        String longer = url.replace("%3B1737334800", "%3B1799999999");
        String otherFile = url.replace("L3-bill_details", "L2-bill_by_Instance");
        char last = url.charAt(url.length() - 1);
        String badSignature = url.substring(0, url.length() - 1) + (last == '0' ? '1' : '0');

        for (String tampered : List.of(longer, badSignature)) {
            HttpResponse<byte[]> response = client.download(tampered, null);
            assertThat(response.statusCode()).isEqualTo(403);
            assertThat(new String(response.body())).contains("<Code>AccessDenied</Code>");
        }
        assertThat(client.download(otherFile, null).statusCode()).isEqualTo(404);
    }

    @Test
    void sameSeedServesTheSameBytesAndAnotherSeedOtherBytes() throws Exception {
        String mine = sha256(client.download(client.awaitUrl("DescribeBillDownloadUrl", OWN_L3), null).body());
        String same;
        String other;
        try (PartnerSimulator twin = PartnerSimulator.start(SimulatorConfig.defaults().withClock(clock));
             PartnerSimulator different = PartnerSimulator.start(SimulatorConfig.defaults().withSeed(7).withClock(clock))) {
            TestClient twinClient = new TestClient(twin, clock);
            TestClient differentClient = new TestClient(different, clock);
            same = sha256(twinClient.download(twinClient.awaitUrl("DescribeBillDownloadUrl", OWN_L3), null).body());
            other = sha256(differentClient.download(differentClient.awaitUrl("DescribeBillDownloadUrl", OWN_L3), null).body());
        }

        assertThat(same).isEqualTo(mine);
        assertThat(other).isNotEqualTo(mine);
    }

    @Test
    void startsOnTheSystemClockWithDefaults() {
        try (PartnerSimulator plain = PartnerSimulator.start(SimulatorConfig.defaults())) {
            JsonNode response = new TestClient(plain, Clock.systemUTC()).call("DescribeCustomerUin", "{\"Page\":1,\"PageSize\":10}");
            assertThat(response.get("Total").asString()).isEqualTo("5");
            assertThat(plain.port()).isPositive().isNotEqualTo(simulator.port());
        }
    }

    private static BigDecimal sum(List<CSVRecord> records, String header) {
        return records.stream().map(r -> new BigDecimal(r.get(header))).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
