package io.tcbill.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.tcbill.bench.BatchMetadata;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.repository.ExecutionContextSerializer;
import org.springframework.batch.core.repository.dao.DefaultExecutionContextSerializer;

/**
 * {@code status}'s reader of the Batch tables, on a metadata written by Spring Batch's own JobRepository (an in-memory
 * H2): the newest execution of each month and feed with its rows and failure reason, reading the contexts of those
 * executions' load steps only, never the partition step per customer (the JobRepository reads every one).
 */
class StatusQueriesTest {

    private static final YearMonth LAST = YearMonth.of(2026, 3);
    private static final int CUSTOMERS = 30;

    private Connection db;
    private final AtomicInteger decoded = new AtomicInteger();

    @BeforeEach
    void metadata() throws Exception {
        db = DriverManager.getConnection("jdbc:h2:mem:status-" + System.nanoTime());
        // given 4 months × 5 feeds, 30 customers each; 2026-03 and 2025-12's l3 failed at one customer, then resumed
        BatchMetadata.generate(db, LAST, 4, CUSTOMERS, 3);
    }

    @AfterEach
    void close() throws Exception {
        db.close();
    }

    @Test
    void theNewestExecutionOfEachMonthAndFeedWithItsRowsReadingOnlyTheLoadStepsOfThose() {
        List<RunRecord> runs = queries().latest(null);

        assertThat(runs).hasSize(4 * 5);
        assertThat(runs).extracting(run -> run.month() + " " + run.feed()).startsWith("2026-03 commission", "2026-03 l2",
                "2026-03 l3", "2026-03 summaries", "2026-03 vouchers", "2026-02 commission");
        assertThat(runs).allSatisfy(run -> {
            assertThat(run.state()).isEqualTo(RunRecord.State.COMPLETED);
            assertThat(run.rows()).isEqualTo(BatchMetadata.rows(run.month(), run.feed().equals("commission") ? 1 : CUSTOMERS));
            assertThat(run.attempt()).isEqualTo(1);
            assertThat(run.scope()).isEqualTo("all");
        });
        // the resumed l3 of 2026-03: its second execution
        RunRecord l3 = runs.get(2);
        assertThat(runs).filteredOn(run -> run.executionId() > l3.executionId()).hasSize(2);
        // one load step context per shown run, not 4 × (4 × 30 + 1) partition contexts
        assertThat(decoded).hasValue(4 * 5);
    }

    @Test
    void theNewestCompleteMonthOfEachFeedLeavesOutFailedRunsAndRunsOfSomeCustomers() throws Exception {
        // given 2026-03's l3 runs failed and its l2 was pulled for one customer only
        try (var sql = db.createStatement()) {
            sql.executeUpdate("UPDATE BATCH_JOB_EXECUTION SET STATUS = 'FAILED' WHERE JOB_EXECUTION_ID IN ("
                    + executionsOf(LAST, "l3") + ")");
            sql.executeUpdate("UPDATE BATCH_JOB_EXECUTION_PARAMS SET PARAMETER_VALUE = '800000000001'"
                    + " WHERE PARAMETER_NAME = 'scope' AND JOB_EXECUTION_ID IN (" + executionsOf(LAST, "l2") + ")");
        }

        // when the scheduler's metrics read the newest complete months
        Map<String, YearMonth> newest = queries().newestCompleteMonths();

        // then l3 and l2 stand at the month before, the other feeds at 2026-03
        assertThat(newest).containsExactlyInAnyOrderEntriesOf(Map.of("l3", LAST.minusMonths(1), "l2", LAST.minusMonths(1),
                "commission", LAST, "summaries", LAST, "vouchers", LAST));
    }

    @Test
    void noCompleteMonthsBeforeAnyRun() throws Exception {
        try (Connection empty = DriverManager.getConnection("jdbc:h2:mem:empty-" + System.nanoTime())) {
            assertThat(new StatusQueries(empty, "BATCH_").newestCompleteMonths()).isEmpty();
        }
    }

    private static String executionsOf(YearMonth month, String feed) {
        return "SELECT m.JOB_EXECUTION_ID FROM BATCH_JOB_EXECUTION_PARAMS m JOIN BATCH_JOB_EXECUTION_PARAMS f"
                + " ON f.JOB_EXECUTION_ID = m.JOB_EXECUTION_ID AND f.PARAMETER_NAME = 'feed' AND f.PARAMETER_VALUE = '" + feed
                + "' WHERE m.PARAMETER_NAME = 'billMonth' AND m.PARAMETER_VALUE = '" + month + "'";
    }

    @Test
    void oneMonthAndAFailedRunWithItsReasonWithoutTheExceptionsName() throws Exception {
        // given the resumed execution of 2026-03 l3 gone (its first execution is then the newest)
        try (var sql = db.createStatement()) {
            long resumed = queries().latest(LAST).stream().filter(run -> run.feed().equals("l3")).findFirst().orElseThrow()
                    .executionId();
            for (String table : List.of("BATCH_STEP_EXECUTION_CONTEXT WHERE STEP_EXECUTION_ID IN (SELECT"
                    + " STEP_EXECUTION_ID FROM BATCH_STEP_EXECUTION WHERE JOB_EXECUTION_ID = " + resumed + ")",
                    "BATCH_STEP_EXECUTION WHERE JOB_EXECUTION_ID = " + resumed,
                    "BATCH_JOB_EXECUTION_CONTEXT WHERE JOB_EXECUTION_ID = " + resumed,
                    "BATCH_JOB_EXECUTION_PARAMS WHERE JOB_EXECUTION_ID = " + resumed,
                    "BATCH_JOB_EXECUTION WHERE JOB_EXECUTION_ID = " + resumed)) {
                sql.execute("DELETE FROM " + table);
            }
        }

        List<RunRecord> runs = queries().latest(LAST);

        assertThat(runs).hasSize(5).allMatch(run -> run.month().equals(LAST));
        RunRecord failed = runs.get(2);
        assertThat(failed.feed()).isEqualTo("l3");
        assertThat(failed.state()).isEqualTo(RunRecord.State.FAILED);
        assertThat(failed.reason()).isEqualTo("1 of " + CUSTOMERS + " files did not arrive");
        assertThat(failed.rows()).isZero();
        assertThat(failed.ended()).isNotNull();
        // a stop keeps only the interruption's class name in the metadata; status says what it was and what to do
        assertThat(RunHistory.reason("STOPPED", "org.springframework.batch.core.job.JobInterruptedException"))
                .isEqualTo(MonthRunner.STOPPED).doesNotContain("Exception");
        // the files archived so far: all but the last customer's
        assertThat(queries().rawKeys(failed)).hasSize(CUSTOMERS - 1).contains(BatchMetadata.rawKey("l3", LAST, 0))
                .doesNotContain(BatchMetadata.rawKey("l3", LAST, CUSTOMERS - 1));
    }

    @Test
    void theRawKeysOfAResumedAttemptAreEveryFileOnceFromAllItsExecutions() {
        RunRecord l3 = queries().latest(LAST).get(2);

        assertThat(queries().rawKeys(l3)).hasSize(CUSTOMERS).doesNotHaveDuplicates()
                .contains(BatchMetadata.rawKey("l3", LAST, CUSTOMERS - 1));
    }

    @Test
    void theNewestExecutionOfOneAttemptReadingOnlyItsLoadStep() throws Exception {
        RunRecord shown = queries().latest(LAST).get(2);
        decoded.set(0);
        long instance;
        try (var sql = db.createStatement();
             var row = sql.executeQuery("SELECT JOB_INSTANCE_ID FROM BATCH_JOB_EXECUTION WHERE JOB_EXECUTION_ID = "
                     + shown.executionId())) {
            row.next();
            instance = row.getLong(1);
        }

        RunRecord newest = queries().newest(instance);

        assertThat(newest).isEqualTo(shown);
        assertThat(newest.feed()).isEqualTo("l3");
        assertThat(decoded).hasValue(1);
        assertThat(queries().completed(instance)).isTrue();
        assertThat(queries().newest(instance + 1000)).isNull();
        assertThat(queries().completed(instance + 1000)).isFalse();
    }

    @Test
    void aDatabaseBatchNeverWroteToHasNoRuns() throws Exception {
        try (Connection empty = DriverManager.getConnection("jdbc:h2:mem:empty-" + System.nanoTime())) {
            assertThat(new StatusQueries(empty, "BATCH_").latest(null)).isEmpty();
        }
    }

    private StatusQueries queries() {
        DefaultExecutionContextSerializer serializer = new DefaultExecutionContextSerializer();
        return new StatusQueries(db, "BATCH_", new ExecutionContextSerializer() {
            @Override
            public Map<String, Object> deserialize(InputStream in) throws IOException {
                decoded.incrementAndGet();
                return serializer.deserialize(in);
            }

            @Override
            public void serialize(Map<String, Object> context, OutputStream out) throws IOException {
                serializer.serialize(context, out);
            }
        });
    }
}
