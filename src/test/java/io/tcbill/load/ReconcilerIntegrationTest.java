package io.tcbill.load;

import static io.tcbill.load.MonthLoaderIntegrationTest.MAY;
import static io.tcbill.load.MonthLoaderIntegrationTest.row;
import static io.tcbill.load.ApiAnswers.payMode;
import static org.assertj.core.api.Assertions.assertThat;

import io.tcbill.IntegrationTest;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@IntegrationTest
class ReconcilerIntegrationTest {

    static final long EQUAL = 800000000001L;
    static final long OFF = 800000000002L;
    static final long NO_DETAIL = 800000000003L;
    static final long WITHIN = 800000000004L;
    static final long EMPTY = 800000000005L;
    static final long NO_SUMMARY = 800000000006L;
    static final io.tcbill.feed.Feed L2 = io.tcbill.feed.FeedCatalog.load().get("l2");
    static final List<String> L2_HEADERS = List.of("Payer Account ID", "Owner Account ID", "ProductName", "InstanceID",
            "TransactionID", "OriginalCost", "Voucher Deduction", "Total Cost (Including Tax)", "Currency", "Billable Month");

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
    void eachCustomerOfTheMonthIsComparedAndTheResultIsPublished() throws Exception {
        // given: L3 details and pay-mode summaries of the month, and the customers the API listed
        List<RawInput> details = new ArrayList<>();
        details.add(l3(EQUAL, "12.34567891", "0.5"));
        details.add(l3(OFF, "10.00000000", "0"));
        details.add(l3(WITHIN, "7.00000000", "0"));
        details.add(l3(NO_SUMMARY, "1.00000000", "0"));
        loader.load(new LoadRequest(MonthLoaderIntegrationTest.L3, MAY, details, true));
        List<RawInput> summaries = new ArrayList<>();
        summaries.add(summary(EQUAL, "12.84567891", "0.50000000", "12.34567891"));
        summaries.add(summary(OFF, "10.00000000", "0.00000000", "10.25000000"));
        summaries.add(summary(NO_DETAIL, "3.00000000", "0.00000000", "3.00000000"));
        summaries.add(summary(WITHIN, "7.00000000", "0.00000000", "7.00500000"));
        loader.load(new LoadRequest(JsonFeedIntegrationTest.SUMMARIES, MAY, summaries, true));
        loader.publishCustomers(MAY, List.of(EQUAL, OFF, NO_DETAIL, WITHIN, EMPTY), "customers_2024-05");

        // when
        ReconciliationReport report = new Reconciler(DuckDbProperties.at(db)).reconcile(MAY, new BigDecimal("0.01"));

        // then
        assertThat(report.rows()).containsExactly(
                new ReconciliationReport.Row(EQUAL, d("12.34567891"), d("12.34567891"), d("0E-8"), "RECONCILED"),
                new ReconciliationReport.Row(OFF, d("10.00000000"), d("10.25000000"), d("0.25000000"), "UNRECONCILED"),
                new ReconciliationReport.Row(NO_DETAIL, d("0E-8"), d("3.00000000"), d("3.00000000"), "MISSING_DETAIL"),
                new ReconciliationReport.Row(WITHIN, d("7.00000000"), d("7.00500000"), d("0.00500000"), "RECONCILED"),
                new ReconciliationReport.Row(EMPTY, d("0E-8"), d("0E-8"), d("0E-8"), "RECONCILED"),
                new ReconciliationReport.Row(NO_SUMMARY, d("1.00000000"), d("0E-8"), d("1.00000000"), "MISSING_SUMMARY"));
        assertThat(report.reconciled()).isFalse();
        assertThat(report.problems()).extracting(ReconciliationReport.Row::customerUin).containsExactly(OFF, NO_DETAIL, NO_SUMMARY);
        assertThat(AnalystDb.queryRows(db, "SELECT customer_uin, detail_original_cost, summary_original_cost, "
                + "detail_voucher_deduction, summary_voucher_pay_amount, tolerance, status FROM reconciliation WHERE customer_uin = " + EQUAL))
                .containsExactly(row(EQUAL, d("12.84567891"), d("12.84567891"), d("0.50000000"), d("0.50000000"), d("0.01000000"), "RECONCILED"));
    }

    @Test
    void reconcilingAgainReplacesTheMonthAndLeavesOtherMonthsAlone() throws Exception {
        Reconciler reconciler = new Reconciler(DuckDbProperties.at(db));
        loader.publishCustomers(YearMonth.of(2024, 4), List.of(EQUAL), "c-apr");
        loader.publishCustomers(MAY, List.of(EQUAL, OFF), "c-may");
        reconciler.reconcile(YearMonth.of(2024, 4), BigDecimal.ZERO);
        reconciler.reconcile(MAY, BigDecimal.ZERO);

        loader.publishCustomers(MAY, List.of(OFF), "c-may-2");
        ReconciliationReport again = reconciler.reconcile(MAY, BigDecimal.ZERO);

        assertThat(again.reconciled()).isTrue();
        assertThat(AnalystDb.queryRows(db, "SELECT CAST(bill_month AS VARCHAR), customer_uin, status FROM reconciliation ORDER BY 1, 2"))
                .containsExactly(row("2024-04-01", EQUAL, "RECONCILED"), row("2024-05-01", OFF, "RECONCILED"));
    }

    @Test
    void reLoadingL3WhileTheSummariesAreAbsentLeavesTheEarlierResultStale() throws Exception {
        // given a reconciled month whose summaries are then gone (removed by hand)
        Reconciler reconciler = new Reconciler(DuckDbProperties.at(db));
        loader.load(new LoadRequest(MonthLoaderIntegrationTest.L3, MAY, List.of(l3(EQUAL, "2.00000000", "0")), true));
        loader.load(new LoadRequest(JsonFeedIntegrationTest.SUMMARIES, MAY,
                List.of(summary(EQUAL, "2.00000000", "0.00000000", "2.00000000")), true));
        assertThat(reconciler.bothSidesPublished(MAY)).isTrue();
        assertThat(reconciler.reconcile(MAY, BigDecimal.ZERO).reconciled()).isTrue();
        java.nio.file.Files.delete(dir.resolve("data/curated/bill_summary_by_pay_mode/bill_month=" + MAY + "/data.parquet"));

        // when L3 is loaded again with other amounts
        loader.load(new LoadRequest(MonthLoaderIntegrationTest.L3, MAY, List.of(l3(EQUAL, "9.00000000", "0")), true));
        boolean marked = reconciler.markStale(MAY);

        // then the result stays, every row STALE with the amounts as checked, until both sides are there again
        assertThat(marked).isTrue();
        assertThat(reconciler.bothSidesPublished(MAY)).isFalse();
        assertThat(AnalystDb.queryRows(db, "SELECT customer_uin, detail_total_cost, status FROM reconciliation"))
                .containsExactly(row(EQUAL, d("2.00000000"), "STALE"));
        assertThat(reconciler.markStale(YearMonth.of(2024, 4))).as("a month never reconciled has nothing to mark").isFalse();
    }

    @Test
    void l2IsComparedWithTheSummaryAllowingHalfACentPerL2RowAndNoMore() throws Exception {
        // given: L3 and the summary agree for both customers; L2 (rounded per row) is within its tolerance for one
        loader.load(new LoadRequest(MonthLoaderIntegrationTest.L3, MAY,
                List.of(l3(EQUAL, "10.00000000", "0"), l3(OFF, "20.00000000", "0")), true));
        loader.load(new LoadRequest(JsonFeedIntegrationTest.SUMMARIES, MAY, List.of(
                summary(EQUAL, "10.00000000", "0.00000000", "10.00000000"),
                summary(OFF, "20.00000000", "0.00000000", "20.00000000")), true));
        Reconciler reconciler = new Reconciler(DuckDbProperties.at(db));
        assertThat(reconciler.reconcile(MAY, new BigDecimal("0.01")).rows())
                .as("no L2 loaded: nothing of L2 is compared").allSatisfy(row -> assertThat(row.l2()).isNull())
                .extracting(ReconciliationReport.Row::status).containsOnly("RECONCILED");
        // 3 L2 rows each: 0.01 + 3 x 0.005 = 0.025 allowed; EQUAL is 0.02 off, OFF 0.03
        loader.load(new LoadRequest(L2, MAY, List.of(
                l2(EQUAL, "3.33", "3.33", "3.32"), l2(OFF, "6.67", "6.67", "6.69")), true));

        // when
        ReconciliationReport report = reconciler.reconcile(MAY, new BigDecimal("0.01"), new BigDecimal("0.005"));

        // then
        assertThat(report.rows()).extracting(ReconciliationReport.Row::customerUin, ReconciliationReport.Row::status)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(EQUAL, "RECONCILED"),
                        org.assertj.core.groups.Tuple.tuple(OFF, "L2_UNRECONCILED"));
        assertThat(report.rows().get(1).l2()).isEqualTo(
                new ReconciliationReport.L2(d("20.03000000"), 3, d("0.03000000"), d("0.02500000")));
        assertThat(AnalystDb.queryRows(db, "SELECT customer_uin, l2_rows, l2_total_cost, l2_difference, l2_tolerance, status "
                + "FROM reconciliation ORDER BY 1")).containsExactly(
                row(EQUAL, 3L, d("9.98000000"), d("0.02000000"), d("0.02500000"), "RECONCILED"),
                row(OFF, 3L, d("20.03000000"), d("0.03000000"), d("0.02500000"), "L2_UNRECONCILED"));
        assertThat(io.tcbill.run.Reconciliation.of(report, List.of()).problems()).containsExactly("customer " + OFF
                + ": L2_UNRECONCILED, L3 total 20.00000000 vs summary 20.00000000; L2 total 20.03000000 over 3 rows"
                + " (largest difference 0.03000000, beyond the L2 tolerance 0.02500000)");
    }

    @Test
    void theCustomerViewGivesFirstAndLastSeenMonths() throws Exception {
        loader.publishCustomers(YearMonth.of(2024, 4), List.of(EQUAL, OFF), "c-apr");
        loader.publishCustomers(MAY, List.of(OFF, NO_DETAIL, OFF), "c-may");

        assertThat(AnalystDb.queryRows(db, "SELECT customer_uin, CAST(first_seen_month AS VARCHAR), "
                + "CAST(last_seen_month AS VARCHAR) FROM customer ORDER BY 1")).containsExactly(
                row(EQUAL, "2024-04-01", "2024-04-01"),
                row(OFF, "2024-04-01", "2024-05-01"),
                row(NO_DETAIL, "2024-05-01", "2024-05-01"));
    }

    private RawInput l3(long uin, String totalCost, String voucher) throws Exception {
        String original = new BigDecimal(totalCost).add(new BigDecimal(voucher)).toPlainString();
        Path file = BillCsv.l3().payer(uin).row("tx-" + uin, totalCost, Map.of("OriginalCost", original, "Voucher Deduction", voucher))
                .write(dir.resolve("raw/l3/" + uin + ".csv"));
        return MonthLoaderIntegrationTest.input(file, uin);
    }

    /** An L2 file of the customer with one row per total (original cost = total, no voucher). */
    private RawInput l2(long uin, String... totals) throws Exception {
        BillCsv csv = BillCsv.withHeaders(L2_HEADERS).payer(uin);
        for (int i = 0; i < totals.length; i++) {
            csv.row("tx-" + uin + "-" + i, totals[i], Map.of("OriginalCost", totals[i], "Voucher Deduction", "0.00"));
        }
        Path file = csv.write(dir.resolve("raw/l2/" + uin + ".csv"));
        return new RawInput(file, "raw/l2/" + uin + ".csv", uin, "abc123", java.nio.file.Files.size(file));
    }

    private RawInput summary(long uin, String original, String voucher, String total) throws Exception {
        Path file = new ApiAnswers().summaries(uin, "", "", payMode("postPay", "Pay-as-you-go", original, voucher, total))
                .write(dir.resolve("raw/summaries/" + uin + ".ndjson"));
        return JsonFeedIntegrationTest.input(file, "raw/summaries/" + uin + ".ndjson", uin);
    }

    private static BigDecimal d(String value) {
        return new BigDecimal(value);
    }
}
