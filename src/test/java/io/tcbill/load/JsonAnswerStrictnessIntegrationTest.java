package io.tcbill.load;

import static io.tcbill.load.ApiAnswers.action;
import static io.tcbill.load.ApiAnswers.item;
import static io.tcbill.load.ApiAnswers.payMode;
import static io.tcbill.load.ApiAnswers.product;
import static io.tcbill.load.JsonFeedIntegrationTest.A;
import static io.tcbill.load.JsonFeedIntegrationTest.SUMMARIES;
import static io.tcbill.load.JsonFeedIntegrationTest.VOUCHERS;
import static io.tcbill.load.JsonFeedIntegrationTest.input;
import static io.tcbill.load.MonthLoaderIntegrationTest.MAY;
import static io.tcbill.load.MonthLoaderIntegrationTest.row;
import static org.assertj.core.api.Assertions.assertThat;

import io.tcbill.IntegrationTest;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * JSON answers are exact and strict: amounts sent as JSON numbers load from their digits, and an answer whose shape
 * is not the declared one (schema/json/*.sql) fails its file naming the action, customer and field, keeping the
 * month's earlier rows, instead of publishing empty or NULL rows.
 */
@IntegrationTest
class JsonAnswerStrictnessIntegrationTest {

    static final List<String> SUMMARY_TABLES = List.of("bill_summary_by_region", "bill_summary_by_product",
            "bill_summary_by_pay_mode", "bill_summary_by_pay_mode_action");
    static final String SUMMARY_REQUEST = "{\"BillMonth\":\"2024-05\",\"CustomerUin\":" + A + "}";
    static final String LIST_REQUEST = "{\"CustomerUin\":" + A + ",\"Page\":1,\"PageSize\":100}";
    static final String USAGE_REQUEST = "{\"CustomerUin\":" + A + ",\"Month\":\"2024-05\",\"Page\":1,\"PageSize\":100,\"VoucherId\":7001}";

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
    void aSummaryAmountSentAsAJsonNumberLoadsFromItsDigitsNotThroughADouble() throws Exception {
        // given amounts sent as JSON numbers (the API documents strings, but a number must not be rounded)
        String big = "12345678901234.12345678";
        Path file = new ApiAnswers().summaries(A, numbers(item("Region", "ap-singapore", "Singapore", big, "0.1", big)),
                numbers(product("p_cvm", "CVM", big, "0.1", big)),
                numbers(payMode("postPay", "Pay-as-you-go", big, "0.1", big, action("postpay_deduct_h", "Hourly", big, "0.1", big))))
                .write(dir.resolve("raw/summaries/a.ndjson"));
        String raw = Files.readString(file);

        // when
        LoadReport report = loader.load(new LoadRequest(SUMMARIES, MAY, List.of(input(file, "raw/summaries/a.ndjson", A)), false));

        // then every money column holds the exact amount (was 12345678901234.12300000)
        assertThat(report.allLoaded()).as(String.valueOf(report.files().get(0).error())).isTrue();
        for (String table : SUMMARY_TABLES) {
            assertThat(AnalystDb.queryRows(db, "SELECT original_cost, voucher_pay_amount, total_cost FROM " + table))
                    .as(table).containsExactly(row(new BigDecimal(big), new BigDecimal("0.10000000"), new BigDecimal(big)));
        }
        assertThat(Files.readString(file)).as("the raw file is only read").isEqualTo(raw);
    }

    @Test
    void anAmountWithMoreThanEightDecimalsOrAnExponentFailsNamingTheFieldInsteadOfRounding() throws Exception {
        for (String amount : List.of("0.123456789", "1e3", "1.5E+2", "\"0.123456789\"", "\"\"", "null", "\"12,50\"")) {
            Path file = vouchers("[" + usage(1, "1.25") + "," + usage(2, amount) + "]");

            LoadReport report = loader.load(new LoadRequest(VOUCHERS, MAY, List.of(input(file, "raw/vouchers/a.ndjson", A)), false));

            assertThat(report.allLoaded()).as(amount).isFalse();
            assertThat(report.files().get(0).error()).as(amount).startsWith("file raw/vouchers/a.ndjson line 2: the"
                    + " DescribeCustomerVoucherUsageDetails answer for customer " + A + ": Data[1].Amount is ")
                    .contains("not a decimal amount with at most 8 decimals and no exponent",
                            "schema/json/voucher_usage.sql").doesNotContain("_line", dir.toString());
        }
        assertThat(AnalystDb.query(db, "SELECT count(*) FROM load_log WHERE status = 'LOADED'")).isEqualTo(0L);
    }

    @Test
    void aRenamedSummaryOverviewFailsTheCustomersFileAndKeepsTheEarlierMonth() throws Exception {
        // given a loaded month
        loader.load(new LoadRequest(SUMMARIES, MAY, List.of(summaries("a.ndjson", true)), false));
        assertThat(AnalystDb.query(db, "SELECT count(*) FROM bill_summary_by_region")).isEqualTo(1L);

        // when the ByRegion answer calls its list something else (it emptied all four tables with "OK 0 rows")
        Path file = new ApiAnswers().answer("DescribeBillSummaryByRegion", A, SUMMARY_REQUEST,
                        "{\"SummaryOverviewList\":[" + item("Region", "ap-hongkong", "HK", "1", "0", "1") + "]}")
                .answer("DescribeBillSummaryByProduct", A, SUMMARY_REQUEST, "{\"SummaryOverview\":[]}")
                .answer("DescribeBillSummaryByPayMode", A, SUMMARY_REQUEST, "{\"SummaryOverview\":[]}")
                .write(dir.resolve("raw/summaries/b.ndjson"));
        LoadReport report = loader.load(new LoadRequest(SUMMARIES, MAY, List.of(input(file, "raw/summaries/b.ndjson", A)), false));

        // then
        assertThat(report.allLoaded()).isFalse();
        assertThat(report.files().get(0).error()).startsWith("file raw/summaries/b.ndjson line 1: the"
                + " DescribeBillSummaryByRegion answer for customer " + A + ": SummaryOverview is missing, not an array");
        for (String table : SUMMARY_TABLES) {
            assertThat(AnalystDb.query(db, "SELECT count(*) FROM " + table)).as(table).isEqualTo(1L);
        }
    }

    @Test
    void aSummaryOverviewThatIsNotAnArrayOrHoldsNoObjectsFails() throws Exception {
        for (String overview : List.of("{}", "null", "\"[]\"", "[1]", "[{\"RegionName\":\"HK\",\"OriginalCost\":\"1\"}]")) {
            Path file = new ApiAnswers().answer("DescribeBillSummaryByRegion", A, SUMMARY_REQUEST, "{\"SummaryOverview\":" + overview + "}")
                    .answer("DescribeBillSummaryByProduct", A, SUMMARY_REQUEST, "{\"SummaryOverview\":[]}")
                    .answer("DescribeBillSummaryByPayMode", A, SUMMARY_REQUEST, "{\"SummaryOverview\":[]}")
                    .write(dir.resolve("raw/summaries/c.ndjson"));

            LoadReport report = loader.load(new LoadRequest(SUMMARIES, MAY, List.of(input(file, "raw/summaries/c.ndjson", A)), false));

            assertThat(report.allLoaded()).as(overview).isFalse();
            assertThat(report.files().get(0).error()).as(overview).contains("DescribeBillSummaryByRegion answer for customer " + A + ": SummaryOverview");
        }
        assertThat(AnalystDb.query(db, "SELECT count(*) FROM load_log WHERE status = 'LOADED'")).isEqualTo(0L);
    }

    @Test
    void aVoucherDataObjectInsteadOfAnArrayFailsInsteadOfPublishingNullRows() throws Exception {
        // given Data as an object of 3 keys (it published one all-NULL row per key)
        Path file = vouchers("{\"a\":1,\"b\":2,\"c\":3}");

        LoadReport report = loader.load(new LoadRequest(VOUCHERS, MAY, List.of(input(file, "raw/vouchers/a.ndjson", A)), false));

        assertThat(report.allLoaded()).isFalse();
        assertThat(report.files().get(0).error()).contains("line 2: the DescribeCustomerVoucherUsageDetails answer for"
                + " customer " + A + ": Data is an object, not an array");
        assertThat(AnalystDb.query(db, "SELECT count(*) FROM load_log WHERE status = 'LOADED'")).isEqualTo(0L);
    }

    @Test
    void anItemWithoutItsIdOrWithATotalMissingFailsNamingTheField() throws Exception {
        Path noId = vouchers("[" + usage(1, "1.25").replace("\"Id\":1,", "") + "]");
        assertThat(loader.load(new LoadRequest(VOUCHERS, MAY, List.of(input(noId, "raw/vouchers/a.ndjson", A)), false))
                .files().get(0).error()).contains(": Data[0].Id is missing, not an integer");

        Path noTotal = vouchers("[" + usage(1, "1.25") + "]", "");
        assertThat(loader.load(new LoadRequest(VOUCHERS, MAY, List.of(input(noTotal, "raw/vouchers/a.ndjson", A)), false))
                .files().get(0).error()).contains(": TotalRecordsCount is missing, not an integer");

        Path badTime = vouchers("[" + usage(1, "1.25").replace("2024-05-03 10:00:00", "yesterday") + "]");
        assertThat(loader.load(new LoadRequest(VOUCHERS, MAY, List.of(input(badTime, "raw/vouchers/a.ndjson", A)), false))
                .files().get(0).error()).contains(": Data[0].PayTime is 'yesterday', not a time 'YYYY-MM-DD hh:mm:ss'");
    }

    @Test
    void aFileMissingOneOfTheThreeSummaryAnswersOrHoldingOneTwiceFails() throws Exception {
        Path missing = new ApiAnswers().answer("DescribeBillSummaryByRegion", A, SUMMARY_REQUEST, "{\"SummaryOverview\":[]}")
                .answer("DescribeBillSummaryByProduct", A, SUMMARY_REQUEST, "{\"SummaryOverview\":[]}")
                .write(dir.resolve("raw/summaries/d.ndjson"));
        assertThat(loader.load(new LoadRequest(SUMMARIES, MAY, List.of(input(missing, "raw/summaries/d.ndjson", A)), false))
                .files().get(0).error()).isEqualTo("file raw/summaries/d.ndjson holds no DescribeBillSummaryByPayMode answer"
                + " for customer " + A + " (expected exactly one), so its bill_summary_by_pay_mode rows cannot be complete;"
                + " fetch the file again");

        Path twice = new ApiAnswers().summaries(A, "", "", "").answer("DescribeBillSummaryByRegion", A, SUMMARY_REQUEST,
                "{\"SummaryOverview\":[]}").write(dir.resolve("raw/summaries/e.ndjson"));
        assertThat(loader.load(new LoadRequest(SUMMARIES, MAY, List.of(input(twice, "raw/summaries/e.ndjson", A)), false))
                .files().get(0).error()).contains("holds 2 DescribeBillSummaryByRegion answers for customer " + A);

        Path empty = Files.writeString(Files.createDirectories(dir.resolve("raw/vouchers")).resolve("empty.ndjson"), "");
        assertThat(loader.load(new LoadRequest(VOUCHERS, MAY, List.of(input(empty, "raw/vouchers/empty.ndjson", A)), false))
                .files().get(0).error()).contains("holds no DescribeCustomerVoucherList answer for customer " + A);
    }

    @Test
    void aLineThatIsNotJsonOrNotAnAnswerFailsNamingTheLineWithoutAScratchPath() throws Exception {
        Path good = summaries("f.ndjson", true).localFile();
        Path broken = Files.writeString(dir.resolve("raw/summaries/g.ndjson"), Files.readString(good)
                .replaceFirst("\n", "\n{\"action\":\"DescribeBillSummaryByRegion\",\"response\":{\"SummaryOverview\":[}\n"));
        Path notAnswer = Files.writeString(dir.resolve("raw/summaries/h.ndjson"), Files.readString(good) + "[1,2]\n");
        Path duplicate = Files.writeString(dir.resolve("raw/summaries/i.ndjson"), Files.readString(good)
                .replaceFirst("\"TotalCost\":\"1\"", "\"TotalCost\":\"1\",\"TotalCost\":\"1000\""));

        String brokenError = loader.load(new LoadRequest(SUMMARIES, MAY, List.of(input(broken, "raw/summaries/g.ndjson", A)), false))
                .files().get(0).error();
        String notAnswerError = loader.load(new LoadRequest(SUMMARIES, MAY, List.of(input(notAnswer, "raw/summaries/h.ndjson", A)), false))
                .files().get(0).error();
        String duplicateError = loader.load(new LoadRequest(SUMMARIES, MAY, List.of(input(duplicate, "raw/summaries/i.ndjson", A)), false))
                .files().get(0).error();

        assertThat(brokenError).startsWith("file raw/summaries/g.ndjson line 2 column ").contains("is not valid JSON")
                .doesNotContain(dir.toString(), "\n");
        assertThat(notAnswerError).isEqualTo("file raw/summaries/h.ndjson line 4 is not an API answer: it is an array, not a JSON object");
        assertThat(duplicateError).startsWith("file raw/summaries/i.ndjson line 1 column ").contains("Duplicate", "TotalCost");
    }

    private RawInput summaries(String name, boolean withItems) throws Exception {
        String region = withItems ? item("Region", "ap-singapore", "Singapore", "1", "0", "1") : "";
        Path file = new ApiAnswers().summaries(A, region, withItems ? product("p_cvm", "CVM", "1", "0", "1") : "",
                withItems ? payMode("postPay", "PAYG", "1", "0", "1", action("postpay_deduct_h", "Hourly", "1", "0", "1")) : "")
                .write(dir.resolve("raw/summaries/" + name));
        return input(file, "raw/summaries/" + name, A);
    }

    private Path vouchers(String data) {
        return vouchers(data, "\"TotalRecordsCount\":1,");
    }

    private Path vouchers(String data, String total) {
        return new ApiAnswers()
                .answer("DescribeCustomerVoucherList", A, LIST_REQUEST, "{\"TotalCount\":1,\"Data\":[{\"VoucherId\":7001}]}")
                .answer("DescribeCustomerVoucherUsageDetails", A, USAGE_REQUEST, "{\"Data\":" + data + ",\"VoucherId\":7001,"
                        + total + "\"Month\":\"2024-05\",\"RequestId\":\"r-1\"}")
                .write(dir.resolve("raw/vouchers/a.ndjson"));
    }

    private static String usage(long id, String amount) {
        return "{\"Id\":" + id + ",\"VoucherId\":\"7001\",\"BillId\":\"bill-" + id + "\",\"Amount\":" + amount
                + ",\"PayTime\":\"2024-05-03 10:00:00\",\"OwnerUin\":200000001}";
    }

    /** The item with its amounts as JSON numbers instead of strings. */
    private static String numbers(String item) {
        return item.replaceAll("\"(OriginalCost|VoucherPayAmount|TotalCost)\":\"([-0-9.]+)\"", "\"$1\":$2");
    }
}
