package io.tcbill.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.tcbill.IntegrationTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Bill packages: one ZIP of every customer's rows, split into several CSV entries at the configured row limit. */
@IntegrationTest
class BillPackIntegrationTest {

    private static final YearMonth DECEMBER = YearMonth.of(2024, 12);
    private static final String DETAIL_PACK = "{\"Month\":\"2024-12\",\"FileType\":\"billDetailPack\",\"CustomerUinType\":\"Customer\"}";

    private final MutableClock clock = new MutableClock(Instant.parse("2025-01-20T00:00:00Z"));
    private PartnerSimulator simulator;
    private TestClient client;

    @BeforeEach
    void start() {
        simulator = PartnerSimulator.start(SimulatorConfig.defaults().withClock(clock).withPackRowLimit(150));
        client = new TestClient(simulator, clock);
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    @Test
    void detailPackHoldsEveryCustomersRowsSplitAtTheRowLimit() throws IOException {
        String url = client.awaitUrl("DescribeCustomerBillDownloadUrl", DETAIL_PACK);
        HttpResponse<byte[]> download = client.download(url, null);
        Map<String, List<CSVRecord>> entries = unzip(download.body());

        long ownUin = simulator.data().ownUin();
        assertThat(url).contains("/L3-bill_details-" + ownUin + "-AllCustomersBills-202412-").contains(".zip?q-sign-algorithm=");
        assertThat(download.headers().firstValue("Content-Type")).hasValue("application/zip");
        BillData.ExpectedFile expected = simulator.data().expectedPack("l3", DECEMBER);
        assertThat(download.headers().firstValueAsLong("Content-Length")).hasValue(expected.bytes());
        assertThat(entries).hasSize(6);
        assertThat(entries.keySet()).allMatch(name -> name.matches("L3-bill_details-" + ownUin + "-AllCustomersBills-202412-[0-9a-f]+-[1-6]\\.csv"));
        assertThat(entries.values()).allMatch(rows -> rows.size() <= 150);
        List<CSVRecord> rows = entries.values().stream().flatMap(List::stream).toList();
        assertThat(rows).hasSize(800);
        assertThat(expected.rows()).isEqualTo(800);
        assertThat(sum(rows)).isEqualTo(expected.totalCost());

        Map<Long, BigDecimal> byCustomer = new HashMap<>();
        rows.forEach(r -> byCustomer.merge(Long.valueOf(r.get("Payer Account ID")), new BigDecimal(r.get("Total Cost (Including Tax)")), BigDecimal::add));
        List<Long> billed = new ArrayList<>(simulator.data().customerUins());
        billed.removeAll(simulator.data().emptyCustomerUins());
        assertThat(byCustomer).containsOnlyKeys(billed);
        billed.forEach(customer -> assertThat(byCustomer.get(customer))
                .isEqualTo(simulator.data().expected("l3", DECEMBER, customer).totalCost()));
    }

    @Test
    void resourcePackAndAResumedDownload() throws IOException {
        String url = client.awaitUrl("DescribeCustomerBillDownloadUrl",
                "{\"Month\":\"2024-12\",\"FileType\":\"billResourcePack\",\"CustomerUinType\":\"Reseller\"}");
        byte[] whole = client.download(url, null).body();
        HttpResponse<byte[]> tail = client.download(url, "bytes=100-");

        assertThat(url).contains("/L2-bill_by_Instance-" + simulator.data().ownUin() + "-AllCustomersBills-202412-");
        Map<String, List<CSVRecord>> entries = unzip(whole);
        assertThat(entries).hasSize(2);
        assertThat(entries.values().stream().mapToInt(List::size).sum()).isEqualTo(200);
        assertThat(simulator.data().expectedPack("l2", DECEMBER).rows()).isEqualTo(200);
        assertThat(tail.statusCode()).isEqualTo(206);
        assertThat(tail.body()).isEqualTo(Arrays.copyOfRange(whole, 100, whole.length));
    }

    @Test
    void packWaitsForItsFeedNotForAHeldBackCustomer() {
        simulator.faults().neverReady(simulator.data().customerUins().get(0)).neverReady((Long) null);
        assertThat(client.awaitUrl("DescribeCustomerBillDownloadUrl", DETAIL_PACK)).contains(".zip");

        simulator.faults().neverReady("l3");
        for (int i = 0; i < 4; i++) {
            assertThat(client.call("DescribeCustomerBillDownloadUrl", DETAIL_PACK).get("Ready").asInt()).isZero();
        }
    }

    /** Entry name → its rows, each entry checked for BOM and header by {@link BillDataTest#parse}. */
    static Map<String, List<CSVRecord>> unzip(byte[] zip) throws IOException {
        Map<String, List<CSVRecord>> entries = new java.util.LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                entries.put(entry.getName(), BillDataTest.parse(in.readAllBytes()));
            }
        }
        return entries;
    }

    private static BigDecimal sum(List<CSVRecord> rows) {
        return rows.stream().map(r -> new BigDecimal(r.get("Total Cost (Including Tax)"))).reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
