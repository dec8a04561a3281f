package io.tcbill.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.tcbill.IntegrationTest;
import io.tcbill.feed.Feed;
import io.tcbill.feed.FeedCatalog;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.YearMonth;
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
class MonthLoaderIntegrationTest {

    static final YearMonth MAY = YearMonth.of(2024, 5);
    static final Feed L3 = FeedCatalog.load().get("l3");

    @TempDir
    Path dir;
    Path db;
    MonthLoader loader;

    @BeforeEach
    void setUp() {
        db = dir.resolve("data/tcbill.duckdb");
        loader = new MonthLoader(DuckDbProperties.at(db));
    }

    @Test
    void loadsARealShapedFileWithExactTotalsThroughTheViews() throws Exception {
        // given: BOM, CRLF, a quoted comma, a quoted line break, Chinese text, a refund and 8-decimal amounts
        Path file = BillCsv.l3().payer(42).bom().crlf()
                .row("tx-1", "12.34567891", Map.of("InstanceName", "web, front"))
                .row("tx-2", "0.00000001", Map.of("InstanceName", "line one\r\nline two"))
                .row("tx-3", "100.5", Map.of("Customer Name", "腾讯云客户", "ProjectName", "默认项目"))
                .row("tx-4", "-3.25", Map.of("TransactionType", "Refund"))
                .write(dir.resolve("raw/l3.csv"));

        // when
        LoadReport report = loader.load(request(true, input(file, 42L)));

        // then
        assertThat(report.allLoaded()).isTrue();
        assertThat(report.rows()).isEqualTo(4);
        assertThat(AnalystDb.query(db, "SELECT sum(total_cost) FROM bill_l3")).isEqualTo(new BigDecimal("109.59567892"));
        List<List<Object>> rows = AnalystDb.queryRows(db, "SELECT transaction_id, instance_name, customer_name, project_name,"
                + " source_line, CAST(bill_month AS VARCHAR), customer_uin, source_key, total_cost FROM bill_l3 ORDER BY transaction_id");
        assertThat(rows).extracting(r -> r.get(0)).containsExactly("tx-1", "tx-2", "tx-3", "tx-4");
        assertThat(rows.get(0).get(1)).isEqualTo("web, front");
        assertThat(rows.get(1).get(1)).isEqualTo("line one\r\nline two");
        assertThat(rows.get(2).subList(2, 4)).containsExactly("腾讯云客户", "默认项目");
        assertThat(rows).extracting(r -> r.get(4)).containsExactly(2L, 3L, 5L, 6L); // physical lines: tx-2 spans lines 3-4
        assertThat(rows.get(3).subList(5, 9)).containsExactly("2024-05-01", 42L, "raw/l3/42.csv", new BigDecimal("-3.25000000"));
        assertThat(AnalystDb.queryRows(db, "SELECT status, row_count, rejected_count, raw_sha256, extra_columns, error FROM load_log"))
                .containsExactly(row("LOADED", 4L, 0L, "abc123", null, null));
    }

    @Test
    void reloadingTheSameMonthGivesIdenticalContentAndNoDuplicates() throws Exception {
        Path file = BillCsv.l3().payer(1).row("tx-1", "1.5").row("tx-2", "2.25").write(dir.resolve("raw/a.csv"));
        loader.load(request(false, input(file, 1L)));
        List<List<Object>> first = contentWithoutLoadId();

        LoadReport again = loader.load(request(false, input(file, 1L)));

        assertThat(again.allLoaded()).isTrue();
        assertThat(contentWithoutLoadId()).isEqualTo(first).hasSize(2);
        assertThat(AnalystDb.query(db, "SELECT count(*) FROM load_log WHERE status = 'LOADED'")).isEqualTo(2L);
    }

    @Test
    void theLogOfOneLoadIsOneFileWhateverTheNumberOfFiles() throws Exception {
        loader.load(request(false,
                input(BillCsv.l3().payer(1).row("a-1", "1").write(dir.resolve("raw/a.csv")), 1L),
                input(BillCsv.l3().payer(2).row("b-1", "x", Map.of("OriginalCost", "1")).write(dir.resolve("raw/b.csv")), 2L),
                input(BillCsv.l3().payer(3).row("c-1", "3").write(dir.resolve("raw/c.csv")), 3L)));
        loader.load(request(false, input(BillCsv.l3().payer(1).row("a-2", "2").write(dir.resolve("raw/a2.csv")), 1L)));

        // one log file per publish (a file per load made a 2,000-customer month 2,000 files), named after its first load
        try (var folders = Files.list(loader.curatedDir().resolve("load_log"))) {
            assertThat(folders.map(folder -> folder.getFileName().toString()).filter(name -> !name.startsWith(".")))
                    .hasSize(2).allMatch(name -> name.startsWith("publish-l3_"));
        }
        assertThat(AnalystDb.queryRows(db, "SELECT customer_uin, count(DISTINCT load_id), count(DISTINCT log_file),"
                + " min(starts_with(log_file, 'publish-')) FROM load_log GROUP BY ALL ORDER BY 1")).containsExactly(
                row(1L, 2L, 2L, true), row(2L, 1L, 1L, true), row(3L, 1L, 1L, true));
        assertThat(AnalystDb.query(db, "SELECT count(*) FROM load_log l JOIN rejected_rows r USING (load_id)"
                + " WHERE l.log_file = r.log_file AND l.customer_uin = 2")).isEqualTo(1L);
    }

    @Test
    void replacingOneCustomerKeepsTheOthersAndTheOwnBill() throws Exception {
        loader.load(request(false,
                input(BillCsv.l3().payer(1).row("a-1", "1").row("a-2", "2").write(dir.resolve("raw/a.csv")), 1L),
                input(BillCsv.l3().payer(2).row("b-1", "10").write(dir.resolve("raw/b.csv")), 2L),
                input(BillCsv.l3().row("own-1", "100").write(dir.resolve("raw/own.csv")), null)));

        loader.load(request(false, input(BillCsv.l3().payer(1).row("a-3", "5").write(dir.resolve("raw/a2.csv")), 1L)));

        assertThat(AnalystDb.queryRows(db, "SELECT customer_uin, transaction_id, total_cost FROM bill_l3 ORDER BY transaction_id"))
                .containsExactly(row(1L, "a-3", new BigDecimal("5.00000000")), row(2L, "b-1", new BigDecimal("10.00000000")),
                        row(null, "own-1", new BigDecimal("100.00000000")));

        loader.load(request(false, input(BillCsv.l3().row("own-2", "7").write(dir.resolve("raw/own2.csv")), null)));

        assertThat(AnalystDb.queryRows(db, "SELECT transaction_id FROM bill_l3 ORDER BY 1"))
                .containsExactly(row("a-3"), row("b-1"), row("own-2"));
    }

    @Test
    void aShortCustomerListKeepsALoadedCustomersRowsAndSaysSo(CapturedOutput output) throws Exception {
        // given: customers 1 and 2 loaded; then a whole-month run whose customer list named only customer 1
        loader.load(request(false,
                input(BillCsv.l3().payer(1).row("a-1", "1").write(dir.resolve("raw/a.csv")), 1L),
                input(BillCsv.l3().payer(2).row("b-1", "194603.30").row("b-2", "0.02").write(dir.resolve("raw/b.csv")), 2L)));

        // when
        LoadReport report = loader.load(request(true, input(BillCsv.l3().payer(1).row("a-2", "3").write(dir.resolve("raw/a2.csv")), 1L)));

        // then: customer 1 is replaced by its new file; customer 2, which had no file, keeps its rows and total
        assertThat(report.allLoaded()).isTrue();
        assertThat(AnalystDb.queryRows(db, "SELECT customer_uin, count(*), sum(total_cost) FROM bill_l3 GROUP BY 1 ORDER BY 1"))
                .containsExactly(row(1L, 1L, new BigDecimal("3.00000000")), row(2L, 2L, new BigDecimal("194603.32000000")));
        assertThat(output).contains("l3 2024-05: kept the published rows of customer 2 (2 rows of bill_l3), which had no file in this run");
    }

    @Test
    void aFailingFileKeepsThePreviousRowsVisible() throws Exception {
        loader.load(request(false,
                input(BillCsv.l3().payer(1).row("a-1", "1.1").row("a-2", "2.2").write(dir.resolve("raw/a.csv")), 1L),
                input(BillCsv.l3().payer(2).row("b-1", "3").write(dir.resolve("raw/b.csv")), 2L)));

        LoadReport report = loader.load(request(true,
                input(BillCsv.l3().payer(1).row("a-9", "9").row("a-10", "not-a-number", Map.of("OriginalCost", "1")).write(dir.resolve("raw/a2.csv")), 1L),
                input(BillCsv.l3().payer(2).row("b-2", "4").write(dir.resolve("raw/b2.csv")), 2L)));

        assertThat(report.allLoaded()).isFalse();
        assertThat(report.files().get(0).error())
                .contains("raw/l3/1.csv", "1 rejected rows exceed tcbill.duckdb.max-rejected-rows=0",
                        "line 3: column 'Total Cost (Including Tax)' (total_cost): 'not-a-number' is not a decimal amount");
        assertThat(report.files().get(1).loaded()).isTrue();
        assertThat(AnalystDb.queryRows(db, "SELECT transaction_id FROM bill_l3 ORDER BY 1"))
                .containsExactly(row("a-1"), row("a-2"), row("b-2"));
        assertThat(AnalystDb.queryRows(db, "SELECT status, rejected_count FROM load_log WHERE customer_uin = 1 ORDER BY started_at"))
                .containsExactly(row("LOADED", 0L), row("FAILED", 1L));
    }

    @Test
    void aMissingRequiredColumnFailsTheFileAndPublishesNothing() throws Exception {
        List<String> headers = BillCsv.L3_HEADERS.stream().filter(h -> !h.equals("TransactionID")).toList();
        Path file = BillCsv.withHeaders(headers).row("tx-1", "1").write(dir.resolve("raw/a.csv"));

        LoadReport report = loader.load(request(false, input(file, 7L)));

        assertThat(report.files().get(0).loaded()).isFalse();
        assertThat(report.files().get(0).error())
                .contains("raw/l3/7.csv", "required column transaction_id", "header 'TransactionID'", "headers found: [Payer Account ID");
        assertThat(loader.curatedDir().resolve("bill_l3/bill_month=2024-05")).doesNotExist();
        assertThat(AnalystDb.query(db, "SELECT count(*) FROM bill_l3")).isEqualTo(0L);
        assertThat(AnalystDb.queryRows(db, "SELECT status, customer_uin, error LIKE '%transaction_id%' FROM load_log"))
                .containsExactly(row("FAILED", 7L, true));
    }

    @Test
    void toleratesAnotherColumnOrderAMissingOptionalColumnAndKeepsAnExtraOne() throws Exception {
        List<String> headers = List.of("Total Cost (Including Tax)", "transaction_id", "Owner Account ID", "Payer Account ID",
                "Product Name", "Discount Code", "Currency");
        Path file = BillCsv.withHeaders(headers).payer(3).row("tx-1", "2.5", Map.of("Discount Code", "SPRING, 24", "Product Name", "CVM", "transaction_id", "tx-1"))
                .row("tx-2", "1", Map.of("transaction_id", "tx-2", "Product Name", "CVM")).write(dir.resolve("raw/a.csv"));

        LoadReport report = loader.load(request(false, input(file, 3L)));

        assertThat(report.files().get(0).extraColumns()).containsExactly("Discount Code");
        assertThat(AnalystDb.queryRows(db, "SELECT total_cost, owner_account_id, product_name, customer_name, extra_columns "
                + "FROM bill_l3 ORDER BY total_cost")).containsExactly(
                row(new BigDecimal("1.00000000"), 200000001L, "CVM", null, "{\"Discount Code\":null}"),
                row(new BigDecimal("2.50000000"), 200000001L, "CVM", null, "{\"Discount Code\":\"SPRING, 24\"}"));
        assertThat(AnalystDb.query(db, "SELECT extra_columns FROM load_log")).isEqualTo("Discount Code");
    }

    @Test
    void aFileWithOnlyAHeaderLoadsZeroRowsAndEmptiesThatCustomer() throws Exception {
        loader.load(request(false, input(BillCsv.l3().payer(1).row("a-1", "1").write(dir.resolve("raw/a.csv")), 1L)));

        LoadReport report = loader.load(request(false, input(BillCsv.l3().payer(1).write(dir.resolve("raw/empty.csv")), 1L)));

        assertThat(report.allLoaded()).isTrue();
        assertThat(report.rows()).isZero();
        assertThat(AnalystDb.query(db, "SELECT count(*) FROM bill_l3")).isEqualTo(0L);
    }

    @Test
    void aCustomerSplitOverSeveralFilesIsReplacedOnlyWhenAllOfThemLoad() throws Exception {
        loader.load(request(false, input(BillCsv.l3().payer(1).row("a-1", "1").write(dir.resolve("raw/a.csv")), 1L)));

        LoadReport report = loader.load(request(false,
                input(BillCsv.l3().payer(1).row("a-2", "2").write(dir.resolve("raw/a-part1.csv")), 1L),
                input(BillCsv.l3().payer(1).raw("broken").write(dir.resolve("raw/a-part2.csv")), 1L)));

        assertThat(report.files()).extracting(FileResult::loaded).containsExactly(false, false);
        assertThat(report.files().get(0).error()).contains("another file of the customer 1");
        assertThat(AnalystDb.queryRows(db, "SELECT transaction_id FROM bill_l3")).containsExactly(row("a-1"));
    }

    private List<List<Object>> contentWithoutLoadId() throws Exception {
        return AnalystDb.queryRows(db, "SELECT * EXCLUDE (load_id) FROM bill_l3 ORDER BY transaction_id");
    }

    static LoadRequest request(boolean wholeMonth, RawInput... files) {
        return new LoadRequest(L3, MAY, List.of(files), wholeMonth);
    }

    static RawInput input(Path file, Long uin) throws Exception {
        return new RawInput(file, "raw/l3/" + (uin == null ? "self" : uin) + ".csv", uin, "abc123", Files.size(file));
    }

    static List<Object> row(Object... values) {
        return java.util.Arrays.asList(values);
    }

    static DuckDbProperties properties(Path db, long maxRejected, Duration lockWait) {
        return new DuckDbProperties(db, null, null, "256MB", maxRejected, lockWait, 0, 2);
    }
}
