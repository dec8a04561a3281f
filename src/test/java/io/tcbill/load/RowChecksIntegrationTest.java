package io.tcbill.load;

import static io.tcbill.load.MonthLoaderIntegrationTest.input;
import static io.tcbill.load.MonthLoaderIntegrationTest.request;
import static io.tcbill.load.MonthLoaderIntegrationTest.row;
import static org.assertj.core.api.Assertions.assertThat;

import io.tcbill.IntegrationTest;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Required values, strict ids, records of only separators and a customer's own file, each after a good month. */
@IntegrationTest
class RowChecksIntegrationTest {

    static final long A = 700108201723L;
    static final long B = 700108201999L;

    @TempDir
    Path dir;

    MonthLoader loader(long maxRejected) {
        return new MonthLoader(MonthLoaderIntegrationTest.properties(db(), maxRejected, Duration.ofSeconds(5)));
    }

    Path db() {
        return dir.resolve("data/tcbill.duckdb");
    }

    /** The month as it stood before the hostile file: customer A's two rows, 3.5 in all. */
    MonthLoader goodMonthLoaded(long maxRejected) throws Exception {
        MonthLoader loader = loader(maxRejected);
        loader.load(request(false, input(BillCsv.l3().payer(A).row("good-1", "1.25").row("good-2", "2.25")
                .write(dir.resolve("raw/good.csv")), A)));
        return loader;
    }

    @Test
    void anEmptyRequiredMoneyValueIsRejectedWithItsLineColumnAndRawRecordAndNeverPublished() throws Exception {
        MonthLoader loader = goodMonthLoaded(1);
        Path file = BillCsv.l3().payer(A).row("tx-1", "5").row("tx-2", "", Map.of("OriginalCost", "9"))
                .write(dir.resolve("raw/a.csv"));

        LoadReport report = loader.load(request(false, input(file, A)));

        assertThat(report.files().get(0)).extracting(FileResult::loaded, FileResult::rows, FileResult::rejected)
                .containsExactly(true, 1L, 1L);
        assertThat(AnalystDb.queryRows(db(), "SELECT source_line, reason, raw_line = " + Sql.literal(lineOf(file, 3))
                + " FROM rejected_rows")).containsExactly(
                row(3L, "column 'Total Cost (Including Tax)' (total_cost): a required value is empty", true));
        assertThat(AnalystDb.queryRows(db(), "SELECT transaction_id, total_cost FROM bill_l3"))
                .containsExactly(row("tx-1", new BigDecimal("5.00000000")));
    }

    @Test
    void anEmptyPayerFailsTheFileAtTheDefaultThresholdAndKeepsTheEarlierMonth() throws Exception {
        MonthLoader loader = goodMonthLoaded(0);
        Path file = BillCsv.l3().payer(A).row("tx-1", "5").row("tx-2", "7", Map.of("Payer Account ID", " "))
                .write(dir.resolve("raw/a.csv"));

        LoadReport report = loader.load(request(false, input(file, A)));

        assertThat(report.allLoaded()).isFalse();
        assertThat(report.files().get(0).error()).contains("raw/l3/" + A + ".csv",
                "1 rejected rows exceed tcbill.duckdb.max-rejected-rows=0",
                "line 3: column 'Payer Account ID' (payer_account_id): a required value is empty");
        assertThat(AnalystDb.query(db(), "SELECT sum(total_cost) FROM bill_l3")).isEqualTo(new BigDecimal("3.50000000"));
        assertThat(AnalystDb.query(db(), "SELECT count(*) FROM rejected_rows WHERE source_line = 3")).isEqualTo(1L);
    }

    @Test
    void trailingRecordsOfOnlySeparatorsAndBlankLinesAreSkippedNotPublished() throws Exception {
        MonthLoader loader = goodMonthLoaded(0);
        String separators = ",".repeat(BillCsv.L3_HEADERS.size() - 1);
        Path file = BillCsv.l3().payer(A).crlf().row("tx-1", "5").raw("").row("tx-2", "6")
                .raw(separators).raw(separators).raw(" " + separators + " ").raw(",,,").raw("\"\"," + separators.substring(1))
                .raw(separators.replace(",,", ", ,")).write(dir.resolve("raw/a.csv"));

        LoadReport report = loader.load(request(false, input(file, A)));

        assertThat(report.files().get(0)).extracting(FileResult::error, FileResult::rows, FileResult::rejected)
                .containsExactly(null, 2L, 0L);
        assertThat(AnalystDb.queryRows(db(), "SELECT transaction_id, source_line FROM bill_l3 ORDER BY source_line"))
                .containsExactly(row("tx-1", 2L), row("tx-2", 4L));
        assertThat(AnalystDb.query(db(), "SELECT count(*) FROM bill_l3 WHERE total_cost IS NULL")).isEqualTo(0L);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Payer Account ID|payer_account_id|7.00108E+11",
            "Payer Account ID|payer_account_id|700108201723.6",
            "Payer Account ID|payer_account_id|0x10",
            "Payer Account ID|payer_account_id|-5",
            "Owner Account ID|owner_account_id|7.00108E+11",
            "Owner Account ID|owner_account_id|700108201723.6",
            "Owner Account ID|owner_account_id|0x10",
            "Owner Account ID|owner_account_id|-5",
            "Owner Account ID|owner_account_id|+5",
            "Owner Account ID|owner_account_id|7001 08",
            "Owner Account ID|owner_account_id|0700108201723",
            "Operator Account ID|operator_account_id|99999999999999999999",
            // amounts: DuckDB's own cast rounds a ninth decimal (1.123456789 became 1.12345679) and reads exponents
            "Total Cost (Including Tax)|total_cost|1.123456789",
            "Total Cost (Including Tax)|total_cost|7.00108E+11",
            "OriginalCost|original_cost|1e3",
            "OriginalCost|original_cost|1_000",
            "Voucher Deduction|voucher_deduction|NaN",
            "Voucher Deduction|voucher_deduction|12 5",
            "Component Usage|component_usage|1234567890123456789012345678901"})
    void anIdOrAmountThatIsNotPlainRejectsTheRowNamingTheColumn(String header, String column, String value)
            throws Exception {
        String complaint = column.endsWith("_id") ? "' is not an account id" : "' is not a decimal amount";
        MonthLoader loader = goodMonthLoaded(0);
        Path file = BillCsv.l3().payer(A).row("tx-1", "5").row("tx-2", "7", Map.of(header, value))
                .write(dir.resolve("raw/a.csv"));

        LoadReport report = loader.load(request(false, input(file, A)));

        assertThat(report.allLoaded()).isFalse();
        assertThat(report.files().get(0).error()).contains("1 rejected rows exceed tcbill.duckdb.max-rejected-rows=0",
                "line 3: column '" + header + "' (" + column + "): '" + value + complaint);
        assertThat(AnalystDb.queryRows(db(), "SELECT transaction_id FROM bill_l3 ORDER BY 1"))
                .containsExactly(row("good-1"), row("good-2"));
        assertThat(AnalystDb.queryRows(db(), "SELECT source_line, raw_line = " + Sql.literal(lineOf(file, 3))
                + " FROM rejected_rows")).containsExactly(row(3L, true));
    }

    @Test
    void plainAmountsLoadExactlyWithSignsSpacesAndEightDecimals() throws Exception {
        MonthLoader loader = loader(0);
        Path file = BillCsv.l3().payer(A).row("tx-1", " -0.00000001 ", Map.of("OriginalCost", "+12.5",
                "Voucher Deduction", ".5", "Component Usage", "")).write(dir.resolve("raw/a.csv"));

        LoadReport report = loader.load(request(false, input(file, A)));

        assertThat(report.allLoaded()).as(report.files().get(0).error()).isTrue();
        assertThat(AnalystDb.queryRows(db(), "SELECT total_cost, original_cost, voucher_deduction, component_usage FROM bill_l3"))
                .containsExactly(row(new BigDecimal("-0.00000001"), new BigDecimal("12.50000000"), new BigDecimal("0.50000000"), null));
    }

    @Test
    void plainIdsLoadExactlyWithSpacesAroundThemTrimmed() throws Exception {
        MonthLoader loader = loader(0);
        Path file = BillCsv.l3().payer(A).row("tx-1", "5", Map.of("Owner Account ID", " 9223372036854775807 ",
                "Operator Account ID", "")).write(dir.resolve("raw/a.csv"));

        LoadReport report = loader.load(request(false, input(file, A)));

        assertThat(report.allLoaded()).isTrue();
        assertThat(AnalystDb.queryRows(db(), "SELECT payer_account_id, owner_account_id, operator_account_id, customer_uin "
                + "FROM bill_l3")).containsExactly(row(A, Long.MAX_VALUE, null, A));
    }

    @Test
    void aPackRowWhosePayerIsNotAPlainIdIsRejectedRatherThanGivenToAnotherCustomer() throws Exception {
        MonthLoader loader = goodMonthLoaded(0);
        Path part = BillCsv.l3().row("b-1", "1", Map.of("Payer Account ID", Long.toString(B)))
                .row("x-1", "2", Map.of("Payer Account ID", "7.00108E+11")).write(dir.resolve("parts/1.csv"));
        Path pack = new PackZip().entry("part1.csv", part).write(dir.resolve("raw/p.zip"));

        LoadReport report = loader.load(request(false, new RawInput(pack, "raw/l3/pack.zip", null, "cafe", Files.size(pack), true)));

        assertThat(report.allLoaded()).isFalse();
        assertThat(report.files().get(0).error()).contains("entry part1.csv, line 3: column 'Payer Account ID' "
                + "(payer_account_id): '7.00108E+11' is not an account id");
        assertThat(AnalystDb.queryRows(db(), "SELECT customer_uin, transaction_id FROM bill_l3 ORDER BY 2"))
                .containsExactly(row(A, "good-1"), row(A, "good-2"));
        assertThat(AnalystDb.query(db(), "SELECT reason FROM rejected_rows"))
                .isEqualTo("entry part1.csv: column 'Payer Account ID' (payer_account_id): '7.00108E+11' is not an account id "
                        + "(a plain positive decimal integer without sign, exponent, fraction or leading zero)");
    }

    @Test
    void aCustomersFileHoldingAnotherCustomersRowsFailsNamingBothUins() throws Exception {
        MonthLoader loader = goodMonthLoaded(5);
        Path file = BillCsv.l3().payer(A).row("tx-1", "5").row("tx-2", "6")
                .row("tx-3", "7", Map.of("Payer Account ID", Long.toString(B))).row("tx-4", "8", Map.of("Payer Account ID", "x"))
                .write(dir.resolve("raw/a.csv"));

        LoadReport report = loader.load(request(false, input(file, A)));

        assertThat(report.allLoaded()).isFalse();
        assertThat(report.files().get(0).error()).contains("file raw/l3/" + A + ".csv was requested for customer " + A,
                "line 4 has Payer Account ID " + B, "(1 rows of other accounts)");
        assertThat(AnalystDb.queryRows(db(), "SELECT transaction_id FROM bill_l3 ORDER BY 1"))
                .containsExactly(row("good-1"), row("good-2"));
        assertThat(AnalystDb.queryRows(db(), "SELECT status FROM load_log ORDER BY started_at"))
                .containsExactly(row("LOADED"), row("FAILED"));
    }

    @Test
    void aCustomersOwnFileStillLoadsExactly() throws Exception {
        MonthLoader loader = goodMonthLoaded(0);
        Path file = BillCsv.l3().payer(A).bom().crlf().row("tx-1", "12.34567891", Map.of("Owner Account ID", "200000009"))
                .row("tx-2", "-0.00000001", Map.of("InstanceName", "two\r\nlines")).row("tx-3", "100")
                .write(dir.resolve("raw/a.csv"));

        LoadReport report = loader.load(request(false, input(file, A)));

        assertThat(report.allLoaded()).isTrue();
        assertThat(AnalystDb.queryRows(db(), "SELECT transaction_id, payer_account_id, owner_account_id, source_line, total_cost "
                + "FROM bill_l3 ORDER BY source_line")).containsExactly(
                row("tx-1", A, 200000009L, 2L, new BigDecimal("12.34567891")),
                row("tx-2", A, 200000001L, 3L, new BigDecimal("-0.00000001")),
                row("tx-3", A, 200000001L, 5L, new BigDecimal("100.00000000")));
        assertThat(AnalystDb.query(db(), "SELECT count(*) FROM rejected_rows")).isEqualTo(0L);
    }

    /** The physical line {@code n} (1-based) of a file without line breaks inside its records. */
    private static String lineOf(Path file, int n) throws Exception {
        return Files.readAllLines(file).get(n - 1);
    }
}
