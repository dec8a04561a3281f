package io.tcbill.load;

import static io.tcbill.load.MonthLoaderIntegrationTest.MAY;
import static io.tcbill.load.MonthLoaderIntegrationTest.input;
import static io.tcbill.load.MonthLoaderIntegrationTest.request;
import static io.tcbill.load.MonthLoaderIntegrationTest.row;
import static org.assertj.core.api.Assertions.assertThat;

import io.tcbill.IntegrationTest;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

@ExtendWith(OutputCaptureExtension.class)
@IntegrationTest
class PackIntegrationTest {

    static final String A = "800000000001";
    static final String B = "800000000002";
    static final String C = "800000000003";

    @TempDir
    Path dir;
    Path db;
    MonthLoader loader;

    @BeforeEach
    void setUp() {
        db = dir.resolve("data/tcbill.duckdb");
        loader = new MonthLoader(MonthLoaderIntegrationTest.properties(db, 1, Duration.ofSeconds(5)));
    }

    @Test
    void aPackOfTwoCsvsReplacesEveryCustomerWithRowsTakingTheirCustomerFromThePayerColumn() throws Exception {
        // given: customer C and the own bill loaded earlier; a pack (no .zip name) split in two CSVs, A in both, C restated
        loader.load(request(false, input(BillCsv.l3().row("c-1", "9", payer(C)).write(dir.resolve("raw/c.csv")), Long.valueOf(C)),
                input(BillCsv.l3().row("own-1", "100").write(dir.resolve("raw/own.csv")), null)));
        Path part1 = BillCsv.l3().bom().crlf().row("a-1", "1.10000001", payer(A)).row("b-1", "20", payer(B))
                .row("a-2", "-0.5", payer(A)).write(dir.resolve("parts/1.csv"));
        List<String> reordered = List.of("Total Cost (Including Tax)", "TransactionID", "Payer Account ID", "Owner Account ID",
                "ProductName");
        Path part2 = BillCsv.withHeaders(reordered).row("a-3", "3.33333333", payer(A)).row("c-2", "7", payer(C))
                .write(dir.resolve("parts/2.csv"));
        Path pack = new PackZip().entry("bill_detail_2024-05_part1.csv", part1).entry("账单/part2.csv", part2)
                .write(dir.resolve("raw/pack.download"));

        // when
        LoadReport report = loader.load(request(false, packInput(pack)));

        // then
        assertThat(report.allLoaded()).isTrue();
        assertThat(report.rows()).isEqualTo(5);
        assertThat(AnalystDb.queryRows(db, "SELECT customer_uin, count(*), sum(total_cost) FROM bill_l3 "
                + "GROUP BY customer_uin ORDER BY customer_uin NULLS LAST")).containsExactly(
                row(Long.valueOf(A), 3L, new BigDecimal("3.93333334")),
                row(Long.valueOf(B), 1L, new BigDecimal("20.00000000")),
                row(Long.valueOf(C), 1L, new BigDecimal("7.00000000")),
                row(null, 1L, new BigDecimal("100.00000000")));
        assertThat(AnalystDb.queryRows(db, "SELECT transaction_id, source_key, source_line FROM bill_l3 "
                + "WHERE customer_uin IS NOT NULL ORDER BY transaction_id")).containsExactly(
                row("a-1", "raw/l3/pack.zip", 2L), row("a-2", "raw/l3/pack.zip", 4L),
                row("a-3", "raw/l3/pack.zip", 2L), row("b-1", "raw/l3/pack.zip", 3L), row("c-2", "raw/l3/pack.zip", 3L));
        assertThat(AnalystDb.queryRows(db, "SELECT status, customer_uin, row_count, source_key FROM load_log "
                + "WHERE load_id LIKE 'l3_2024-05_pack_%'")).containsExactly(row("LOADED", null, 5L, "raw/l3/pack.zip"));
    }

    @Test
    void aPackEntryLackingARequiredColumnFailsThePackNamingTheEntry() throws Exception {
        loader.load(request(false, input(BillCsv.l3().row("c-1", "9", payer(C)).write(dir.resolve("raw/c.csv")), Long.valueOf(C))));
        Path good = BillCsv.l3().row("a-1", "1", payer(A)).write(dir.resolve("parts/1.csv"));
        List<String> noTotal = BillCsv.L3_HEADERS.stream().filter(h -> !h.startsWith("Total Cost")).toList();
        Path bad = BillCsv.withHeaders(noTotal).row("b-1", "2", payer(B)).write(dir.resolve("parts/2.csv"));
        Path pack = new PackZip().entry("part1.csv", good).entry("part2.csv", bad).write(dir.resolve("raw/pack.zip"));

        LoadReport report = loader.load(request(true, packInput(pack)));

        assertThat(report.allLoaded()).isFalse();
        assertThat(report.files().get(0).error()).contains("raw/l3/pack.zip entry part2.csv",
                "required column total_cost", "Total Cost (Including Tax)");
        assertThat(AnalystDb.queryRows(db, "SELECT transaction_id FROM bill_l3")).containsExactly(row("c-1"));
        assertThat(AnalystDb.queryRows(db, "SELECT status FROM load_log ORDER BY started_at")).containsExactly(row("LOADED"), row("FAILED"));
    }

    @Test
    void aRejectedRowOfAPackNamesItsEntryAndItsLineInThatEntry() throws Exception {
        Path part1 = BillCsv.l3().row("a-1", "1", payer(A)).write(dir.resolve("parts/1.csv"));
        Path part2 = BillCsv.l3().row("b-1", "2", payer(B)).row("b-2", "x.5", Map.of("Payer Account ID", B, "OriginalCost", "1"))
                .write(dir.resolve("parts/2.csv"));
        Path pack = new PackZip().entry("part1.csv", part1).entry("sub/part2.csv", part2).write(dir.resolve("raw/p.zip"));

        LoadReport report = loader.load(request(false, packInput(pack)));

        assertThat(report.files().get(0)).extracting(FileResult::loaded, FileResult::rows, FileResult::rejected)
                .containsExactly(true, 2L, 1L);
        assertThat(AnalystDb.queryRows(db, "SELECT source_key, source_line, reason FROM rejected_rows")).containsExactly(
                row("raw/l3/pack.zip", 3L, "entry sub/part2.csv: column 'Total Cost (Including Tax)' (total_cost): 'x.5' is "
                        + "not a decimal amount (digits with at most 8 decimals, no exponent)"));
    }

    @Test
    void aPackRowWithoutItsCustomerIsSetAsideRatherThanPassingForTheOwnBill() throws Exception {
        Path part = BillCsv.l3().row("a-1", "1", payer(A)).row("x-1", "2", payer("")).write(dir.resolve("parts/1.csv"));
        Path pack = new PackZip().entry("part1.csv", part).write(dir.resolve("raw/p.zip"));

        LoadReport report = loader.load(request(false, packInput(pack)));

        assertThat(report.files().get(0)).extracting(FileResult::rows, FileResult::rejected).containsExactly(1L, 1L);
        assertThat(AnalystDb.queryRows(db, "SELECT source_line, reason FROM rejected_rows")).containsExactly(row(3L,
                "entry part1.csv: column 'Payer Account ID' (payer_account_id): a required value is empty"));
        assertThat(AnalystDb.queryRows(db, "SELECT customer_uin, transaction_id FROM bill_l3"))
                .containsExactly(row(Long.valueOf(A), "a-1"));
    }

    @Test
    void aPackIsComparedWithTheMonthsCustomerList(CapturedOutput output) throws Exception {
        // given: the run listed A and C; the pack holds A and B
        loader.publishCustomers(MAY, List.of(Long.valueOf(A), Long.valueOf(C)), "customers-test");
        Path part = BillCsv.l3().row("a-1", "1", payer(A)).row("b-1", "2", payer(B)).write(dir.resolve("parts/1.csv"));

        // when
        LoadReport report = loader.load(request(true, packInput(new PackZip().entry("part1.csv", part).write(dir.resolve("raw/p.zip")))));

        // then: B is loaded and named, C (no rows now or before) is counted
        assertThat(report.allLoaded()).isTrue();
        assertThat(AnalystDb.queryRows(db, "SELECT customer_uin FROM bill_l3 ORDER BY 1")).containsExactly(row(Long.valueOf(A)),
                row(Long.valueOf(B)));
        assertThat(output).contains("l3 2024-05: the pack holds rows of 1 customer(s) the month's customer list lacks: [" + B + "]")
                .contains("l3 2024-05: 1 listed customer(s) have no rows in the pack (nor before)");
    }

    @Test
    void aPackOfTwoThousandHeaderOnlyEntriesLoadsInSeconds() throws Exception {
        // was 77 s: every header-only entry was staged through DuckDB on its own
        PackZip zip = new PackZip().entry("part0.csv", BillCsv.l3().row("a-1", "1", payer(A)).write(dir.resolve("parts/a.csv")));
        byte[] header = Files.readAllBytes(BillCsv.l3().write(dir.resolve("parts/empty.csv")));
        for (int i = 1; i <= 2000; i++) {
            zip.entry("part" + i + ".csv", header);
        }
        Path pack = zip.write(dir.resolve("raw/empty.zip"));
        long started = System.nanoTime();

        LoadReport report = loader.load(request(true, packInput(pack)));

        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertThat(report.allLoaded()).isTrue();
        assertThat(report.rows()).isEqualTo(1);
        assertThat(took).isLessThan(Duration.ofSeconds(20));
    }

    private static Map<String, String> payer(String uin) {
        return Map.of("Payer Account ID", uin);
    }

    private static RawInput packInput(Path zip) throws Exception {
        return new RawInput(zip, "raw/l3/pack.zip", null, "cafe", Files.size(zip), true);
    }
}
