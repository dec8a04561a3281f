package io.tcbill.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.tcbill.IntegrationTest;
import io.tcbill.bench.BatchMetadata;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.YearMonth;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * {@code status}'s reader on PostgreSQL (lower-case table names, its own timestamp and text types), on a fresh database
 * of the local server at 127.0.0.1:5432 (user postgres, as .ci/run starts it); skipped with the reason where there is
 * none. {@link StatusQueriesTest} covers the same on H2 without a server.
 */
@IntegrationTest
class StatusQueriesPostgresIntegrationTest {

    private static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/";

    @Test
    void theNewestExecutionOfEachMonthAndFeedAndTheRawKeysOnPostgres() throws Exception {
        String name = "tcbill_status_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection admin = admin(); Statement sql = admin.createStatement()) {
            sql.execute("CREATE DATABASE " + name);
        }
        try {
            try (Connection db = DriverManager.getConnection(SERVER + name, "postgres", "")) {
                YearMonth last = YearMonth.of(2026, 3);
                BatchMetadata.generate(db, last, 2, 5, 2);
                StatusQueries queries = new StatusQueries(db, "BATCH_");

                List<RunRecord> runs = queries.latest(null);

                assertThat(runs).hasSize(10).allMatch(run -> run.state() == RunRecord.State.COMPLETED);
                assertThat(runs.get(2).feed()).isEqualTo("l3");
                assertThat(runs.get(2).rows()).isEqualTo(BatchMetadata.rows(last, 5));
                assertThat(runs.get(2).ended()).isNotNull();
                assertThat(queries.latest(last)).hasSize(5);
                assertThat(queries.rawKeys(runs.get(2))).hasSize(5).contains(BatchMetadata.rawKey("l3", last, 4));
                // PostgreSQL indexes no foreign key: BatchMetadata created all three of tcbill's indexes, once
                for (BatchIndexes.Index index : BatchIndexes.INDEXES) {
                    assertThat(BatchIndexes.covered(db, "BATCH_" + index.table(), index.columns())).as(index.name()).isTrue();
                }
                assertThat(BatchIndexes.createMissing(db, "BATCH_")).isEmpty();
                assertThat(queries.newest(instanceOf(db, runs.get(2).executionId()))).isEqualTo(runs.get(2));
            }
        } finally {
            try (Connection admin = admin(); Statement sql = admin.createStatement()) {
                sql.execute("DROP DATABASE IF EXISTS " + name);
            }
        }
    }

    private static long instanceOf(Connection db, long execution) throws SQLException {
        try (Statement sql = db.createStatement(); var row = sql.executeQuery(
                "SELECT JOB_INSTANCE_ID FROM BATCH_JOB_EXECUTION WHERE JOB_EXECUTION_ID = " + execution)) {
            row.next();
            return row.getLong(1);
        }
    }

    private static Connection admin() {
        try {
            return DriverManager.getConnection(SERVER + "postgres", "postgres", "");
        } catch (SQLException e) {
            Assumptions.abort("PostgreSQL is not reachable at 127.0.0.1:5432 as user postgres (.ci/run starts it when"
                    + " installed): " + e.getMessage());
            throw new IllegalStateException(e);
        }
    }
}
