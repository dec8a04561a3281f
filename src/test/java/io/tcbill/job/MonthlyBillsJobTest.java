package io.tcbill.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.tcbill.PipelineTestSupport;
import io.tcbill.simulator.BillData;
import io.tcbill.storage.ObjectStorage;
import java.time.YearMonth;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Object;

/** The whole monthly job against the simulator, the embedded S3 store over HTTP and a real DuckDB file. */
class MonthlyBillsJobTest extends PipelineTestSupport {

    private static final YearMonth MONTH = YearMonth.of(2026, 8);

    @Autowired
    MonthRunner runner;

    @Autowired
    ObjectStorage storage;

    @Test
    void aMonthOfEachFeedLandsWithTheSimulatorsExactRowCountsAndTotals() {
        for (String feed : List.of("l2", "l3", "commission")) {
            // when
            FeedRun run = runner.run(MONTH, feed, List.of());

            // then
            assertThat(run.succeeded()).as(run.reason()).isTrue();
            BillData.ExpectedFile expected = SIMULATOR.data().expected(feed, MONTH, null);
            String table = switch (feed) {
                case "l2" -> "bill_l2";
                case "l3" -> "bill_l3";
                default -> "commission_detail";
            };
            String amount = feed.equals("commission") ? "commission_amount" : "total_cost";
            String where = " WHERE bill_month = DATE '" + MONTH.atDay(1) + "'";
            assertThat(count("SELECT count(*) FROM " + table + where)).isEqualTo(expected.rows());
            assertThat(decimal("SELECT sum(" + amount + ") FROM " + table + where)).isEqualByComparingTo(expected.totalCost());
            assertThat(run.rows()).isEqualTo(expected.rows());
        }
        assertThat(count("SELECT count(*) FROM load_log WHERE status = 'LOADED' AND bill_month = DATE '" + MONTH.atDay(1) + "'"))
                .isGreaterThanOrEqualTo(3);
    }

    @Test
    void theRawFileIsKeptUnchangedUnderItsDocumentedKeyWithItsSha256() {
        YearMonth month = MONTH.minusMonths(1);
        FeedRun run = runner.run(month, "l3", List.of());
        assertThat(run.succeeded()).as(run.reason()).isTrue();

        List<S3Object> objects = storage.client().listObjectsV2(b -> b.bucket(storage.bucket())
                .prefix("raw/l3/bill_month=" + month + "/customer_uin=self/")).contents();
        assertThat(objects).hasSize(1);
        HeadObjectResponse head = storage.client().headObject(b -> b.bucket(storage.bucket()).key(objects.get(0).key()));
        assertThat(head.contentLength()).isEqualTo(SIMULATOR.data().expected("l3", month, null).bytes());
        assertThat(head.metadata().get("sha256")).hasSize(64);
        assertThat(storage.client().listObjectsV2(b -> b.bucket(storage.bucket()).prefix("tmp/")).contents()).isEmpty();
    }

    @Test
    void reRunningAMonthReplacesItWithIdenticalRowsAndKeepsBothRawFiles() {
        YearMonth month = MONTH.minusMonths(2);
        String content = "SELECT * EXCLUDE (load_id, source_key) FROM bill_l3 WHERE bill_month = DATE '" + month.atDay(1)
                + "' ORDER BY source_line";
        assertThat(runner.run(month, "l3", List.of()).succeeded()).isTrue();
        List<List<Object>> first = query(content);

        FeedRun second = runner.run(month, "l3", List.of());

        assertThat(second.succeeded()).as(second.reason()).isTrue();
        assertThat(query(content)).isEqualTo(first);
        assertThat(first).hasSize((int) SIMULATOR.data().expected("l3", month, null).rows());
        assertThat(storage.client().listObjectsV2(b -> b.bucket(storage.bucket())
                .prefix("raw/l3/bill_month=" + month + "/")).contents()).hasSize(2);
    }

    @Test
    void aFailedRunSaysWhyAndLeavesTheMonthsEarlierRowsVisible() {
        YearMonth month = MONTH.minusMonths(3);
        assertThat(runner.run(month, "commission", List.of()).succeeded()).isTrue();
        String where = " FROM commission_detail WHERE bill_month = DATE '" + month.atDay(1) + "'";
        long rowsBefore = count("SELECT count(*)" + where);

        SIMULATOR.faults().neverReady("commission");
        FeedRun failed;
        try {
            failed = runner.run(month, "commission", List.of());
        } finally {
            SIMULATOR.faults().reset();
        }

        assertThat(failed.succeeded()).isFalse();
        assertThat(failed.reason()).contains("commission " + month).contains("not ready");
        assertThat(count("SELECT count(*)" + where)).isEqualTo(rowsBefore);
    }

    @Test
    void aMonthTheApiRefusesFailsNamingTheApiError() {
        FeedRun run = runner.run(YearMonth.now().plusMonths(1), "l2", List.of());

        assertThat(run.succeeded()).isFalse();
        assertThat(run.reason()).contains("InvalidParameterValue.InvalidMonth");
    }
}
