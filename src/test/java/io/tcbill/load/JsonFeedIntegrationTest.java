package io.tcbill.load;

import static io.tcbill.load.ApiAnswers.action;
import static io.tcbill.load.ApiAnswers.item;
import static io.tcbill.load.ApiAnswers.payMode;
import static io.tcbill.load.ApiAnswers.product;
import static io.tcbill.load.MonthLoaderIntegrationTest.MAY;
import static io.tcbill.load.MonthLoaderIntegrationTest.row;
import static org.assertj.core.api.Assertions.assertThat;

import io.tcbill.IntegrationTest;
import io.tcbill.feed.Feed;
import io.tcbill.feed.FeedCatalog;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@IntegrationTest
class JsonFeedIntegrationTest {

    static final Feed SUMMARIES = FeedCatalog.load().get("summaries");
    static final Feed VOUCHERS = FeedCatalog.load().get("vouchers");
    static final long A = 800000000001L;
    static final long B = 800000000002L;

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
    void summaryAnswersOfTwoCustomersFillTheFourSummaryTablesWithExactAmounts() throws Exception {
        LoadReport report = loader.load(new LoadRequest(SUMMARIES, MAY, List.of(summariesOfA(), summariesOfB()), true));

        assertThat(report.allLoaded()).isTrue();
        assertThat(report.rows()).isEqualTo(9 + 4);
        assertThat(AnalystDb.queryRows(db, "SELECT customer_uin, count(*), sum(original_cost), sum(voucher_pay_amount), "
                + "sum(total_cost) FROM bill_summary_by_region GROUP BY 1 ORDER BY 1")).containsExactly(
                row(A, 2L, new BigDecimal("15.12345679"), new BigDecimal("1.00000000"), new BigDecimal("14.12345679")),
                row(B, 1L, new BigDecimal("-2.50000000"), new BigDecimal("0.00000000"), new BigDecimal("-2.50000000")));
        assertThat(AnalystDb.queryRows(db, "SELECT customer_uin, business_code, business_code_name, total_cost "
                + "FROM bill_summary_by_product ORDER BY 1, 2")).containsExactly(
                row(A, "p_cbs", "Cloud Block Storage", new BigDecimal("5.00000001")),
                row(A, "p_cvm", "Cloud Virtual Machine", new BigDecimal("9.12345678")),
                row(B, "p_cos", "对象存储", new BigDecimal("-2.50000000")));
        assertThat(AnalystDb.queryRows(db, "SELECT customer_uin, pay_mode, pay_mode_name, original_cost, total_cost, "
                + "CAST(bill_month AS VARCHAR), source_key FROM bill_summary_by_pay_mode ORDER BY 1, 2")).containsExactly(
                row(A, "postPay", "Pay-as-you-go", new BigDecimal("10.12345678"), new BigDecimal("9.12345678"), "2024-05-01", "raw/summaries/a.ndjson"),
                row(A, "prePay", "Monthly subscription", new BigDecimal("5.00000001"), new BigDecimal("5.00000001"), "2024-05-01", "raw/summaries/a.ndjson"),
                row(B, "postPay", "Pay-as-you-go", new BigDecimal("-2.50000000"), new BigDecimal("-2.50000000"), "2024-05-01", "raw/summaries/b.ndjson"));
        assertThat(AnalystDb.queryRows(db, "SELECT customer_uin, pay_mode, action_type, total_cost "
                + "FROM bill_summary_by_pay_mode_action ORDER BY 1, 2, 3")).containsExactly(
                row(A, "postPay", "postpay_deduct_h", new BigDecimal("9.00000000")),
                row(A, "postPay", "postpay_deduct_m", new BigDecimal("0.12345678")),
                row(A, "prePay", "prepay_purchase", new BigDecimal("5.00000001")),
                row(B, "postPay", "refund", new BigDecimal("-2.50000000")));
        assertThat(AnalystDb.queryRows(db, "SELECT feed, customer_uin, status, row_count FROM load_log ORDER BY 2"))
                .containsExactly(row("summaries", A, "LOADED", 9L), row("summaries", B, "LOADED", 4L));
    }

    @Test
    void reloadingTheSameAnswersGivesIdenticalTablesAndAWholeMonthWithoutBKeepsB() throws Exception {
        loader.load(new LoadRequest(SUMMARIES, MAY, List.of(summariesOfA(), summariesOfB()), true));
        List<List<Object>> first = AnalystDb.queryRows(db, "SELECT * EXCLUDE (load_id) FROM bill_summary_by_pay_mode_action ORDER BY ALL");

        loader.load(new LoadRequest(SUMMARIES, MAY, List.of(summariesOfA(), summariesOfB()), true));

        assertThat(AnalystDb.queryRows(db, "SELECT * EXCLUDE (load_id) FROM bill_summary_by_pay_mode_action ORDER BY ALL"))
                .isEqualTo(first).hasSize(4);

        loader.load(new LoadRequest(SUMMARIES, MAY, List.of(summariesOfA()), true));

        // B had no file in that run: only a file of B replaces B's rows
        assertThat(AnalystDb.queryRows(db, "SELECT * EXCLUDE (load_id) FROM bill_summary_by_pay_mode_action ORDER BY ALL"))
                .isEqualTo(first);
    }

    @Test
    void voucherAmountsSentAsJsonFloatsBecomeExactDecimals() throws Exception {
        // (record 3's own VoucherId is a non-numeric string: voucher_id is the int64 the request asked for)
        String request = "{\"Page\":1,\"PageSize\":100,\"CustomerUin\":" + A + ",\"VoucherId\":7001,\"Month\":\"2024-05\"}";
        Path file = new ApiAnswers()
                .answer("DescribeCustomerVoucherList", A, "{\"Page\":1,\"PageSize\":100,\"CustomerUin\":" + A + "}",
                        "{\"TotalCount\":1,\"Data\":[{\"VoucherId\":7001,\"TotalAmount\":100.0}]}")
                .answer("DescribeCustomerVoucherUsageDetails", A, request, "{\"Data\":["
                        + usage(1, "0.1", "2024-05-03 10:00:00") + "," + usage(2, "0.2", "2024-05-04 11:30:00") + ","
                        + usage(3, "12345.67891234", "").replace("\"7001\"", "\"VCH-7001\"") + "],\"CustomerUin\":" + A + ",\"VoucherId\":7001,"
                        + "\"TotalAmount\":100.0,\"RemainAmount\":87.35,\"TotalRecordsCount\":3,\"Month\":\"2024-05\","
                        + "\"RecordsCountByMonth\":3,\"RequestId\":\"r-1\"}")
                .write(dir.resolve("raw/vouchers/a.ndjson"));

        LoadReport report = loader.load(new LoadRequest(VOUCHERS, MAY, List.of(input(file, "raw/vouchers/a.ndjson", A)), false));

        assertThat(report.allLoaded()).isTrue();
        assertThat(AnalystDb.query(db, "SELECT sum(amount) FROM voucher_usage WHERE id IN (1, 2)")).isEqualTo(new BigDecimal("0.30000000"));
        assertThat(AnalystDb.queryRows(db, "SELECT id, voucher_id, amount, CAST(pay_time AS VARCHAR), owner_uin, month, "
                + "product_code_name, customer_uin FROM voucher_usage ORDER BY id")).containsExactly(
                row(1L, 7001L, new BigDecimal("0.10000000"), "2024-05-03 10:00:00", 200000001L, "2024-05", "云服务器", A),
                row(2L, 7001L, new BigDecimal("0.20000000"), "2024-05-04 11:30:00", 200000001L, "2024-05", "云服务器", A),
                row(3L, 7001L, new BigDecimal("12345.67891234"), null, 200000001L, "2024-05", "云服务器", A));
    }

    @Test
    void anApiErrorArchivedAsAnAnswerFailsTheFileAndKeepsTheEarlierRows() throws Exception {
        loader.load(new LoadRequest(SUMMARIES, MAY, List.of(summariesOfA()), false));
        String request = "{\"BillMonth\":\"2024-05\",\"CustomerUin\":" + A + "}";
        Path file = new ApiAnswers().answer("DescribeBillSummaryByRegion", A, request,
                "{\"Error\":{\"Code\":\"OperationDenied.ServiceBusy\",\"Message\":\"busy\"},\"RequestId\":\"r\"}")
                .write(dir.resolve("raw/summaries/a2.ndjson"));

        LoadReport report = loader.load(new LoadRequest(SUMMARIES, MAY, List.of(input(file, "raw/summaries/a2.ndjson", A)), false));

        assertThat(report.allLoaded()).isFalse();
        assertThat(report.files().get(0).error()).contains("raw/summaries/a2.ndjson", "DescribeBillSummaryByRegion",
                "customer " + A, "OperationDenied.ServiceBusy");
        assertThat(AnalystDb.query(db, "SELECT count(*) FROM bill_summary_by_region")).isEqualTo(2L);
    }

    @Test
    void aMonthOfManyCustomersSummariesLoadsWithinTheMemoryOfASmallContainer() throws Exception {
        // given 200 customers' summary answers and DuckDB limited as in a 1 GiB container with 2 CPUs (68 MiB per
        // database, 2 threads): a 2,000-customer month failed there from its tenth file on, each file's staging tables
        // kept in the database and each NDJSON read asking 32 MiB per thread
        List<RawInput> files = new java.util.ArrayList<>();
        for (int i = 0; i < 200; i++) {
            long uin = 800000100000L + i;
            Path file = new ApiAnswers().summaries(uin,
                    item("Region", "ap-hongkong", "Hong Kong", "1.00000001", "0.00000000", "1.00000001"),
                    product("p_cos", "Cloud Object Storage", "1.00000001", "0.00000000", "1.00000001"),
                    payMode("postPay", "Pay-as-you-go", "1.00000001", "0.00000000", "1.00000001",
                            action("postpay_deduct_h", "Hourly settlement", "1.00000001", "0.00000000", "1.00000001")))
                    .write(dir.resolve("raw/summaries/" + uin + ".ndjson"));
            files.add(input(file, "raw/summaries/" + uin + ".ndjson", uin));
        }
        MonthLoader small = new MonthLoader(new DuckDbProperties(db, null, null, "136MiB", 10,
                java.time.Duration.ofSeconds(5), 2, 2));

        LoadReport report = small.load(new LoadRequest(SUMMARIES, MAY, files, true));

        assertThat(report.files()).filteredOn(file -> !file.loaded()).isEmpty();
        assertThat(AnalystDb.queryRows(db, "SELECT count(DISTINCT customer_uin), sum(total_cost) FROM bill_summary_by_region"))
                .containsExactly(row(200L, new BigDecimal("200.00000200")));
    }

    private RawInput summariesOfA() throws Exception {
        Path file = new ApiAnswers().summaries(A,
                item("Region", "ap-singapore", "Singapore", "10.12345678", "1.00000000", "9.12345678") + ","
                        + item("Region", "ap-hongkong", "Hong Kong", "5.00000001", "0.00000000", "5.00000001"),
                product("p_cvm", "Cloud Virtual Machine", "10.12345678", "1.00000000", "9.12345678") + ","
                        + product("p_cbs", "Cloud Block Storage", "5.00000001", "0.00000000", "5.00000001"),
                payMode("postPay", "Pay-as-you-go", "10.12345678", "1.00000000", "9.12345678",
                        action("postpay_deduct_h", "Hourly settlement", "10.00000000", "1.00000000", "9.00000000"),
                        action("postpay_deduct_m", "Monthly settlement", "0.12345678", "0.00000000", "0.12345678")) + ","
                        + payMode("prePay", "Monthly subscription", "5.00000001", "0.00000000", "5.00000001",
                        action("prepay_purchase", "Purchase", "5.00000001", "0.00000000", "5.00000001")))
                .write(dir.resolve("raw/summaries/a.ndjson"));
        return input(file, "raw/summaries/a.ndjson", A);
    }

    private RawInput summariesOfB() throws Exception {
        Path file = new ApiAnswers().summaries(B,
                item("Region", "ap-hongkong", "中国香港", "-2.50000000", "0.00000000", "-2.50000000"),
                product("p_cos", "对象存储", "-2.50000000", "0.00000000", "-2.50000000"),
                payMode("postPay", "Pay-as-you-go", "-2.50000000", "0.00000000", "-2.50000000",
                        action("refund", "Refund", "-2.50000000", "0.00000000", "-2.50000000")))
                .write(dir.resolve("raw/summaries/b.ndjson"));
        return input(file, "raw/summaries/b.ndjson", B);
    }

    private static String usage(long id, String amount, String payTime) {
        return "{\"Id\":" + id + ",\"VoucherId\":\"7001\",\"DealName\":\"deal-" + id + "\",\"BillId\":\"bill-" + id
                + "\",\"Amount\":" + amount + ",\"PayMode\":\"postPay\",\"ProductCode\":\"p_cvm\",\"SubProductCode\":\"sp_cvm_s5\","
                + "\"ProductCodeName\":\"云服务器\",\"SubProductCodeName\":\"S5\",\"PayTime\":\"" + payTime
                + "\",\"CompletionTime\":\"" + payTime + "\",\"OwnerUin\":200000001}";
    }

    static RawInput input(Path file, String key, long uin) throws Exception {
        return new RawInput(file, key, uin, "beef", Files.size(file));
    }
}
