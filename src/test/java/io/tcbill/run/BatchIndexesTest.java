package io.tcbill.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.tcbill.bench.BatchMetadata;
import io.tcbill.job.MonthlyBillsJob;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.YearMonth;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.datasource.init.ScriptUtils;

/**
 * The indexes tcbill adds to Spring Batch's tables, on H2 (which indexes foreign keys itself, so only the step index is
 * missing); {@code StatusQueriesPostgresIntegrationTest} checks PostgreSQL, which indexes none of them.
 */
class BatchIndexesTest {

    private Connection db;

    @BeforeEach
    void batchSchema() throws Exception {
        db = DriverManager.getConnection("jdbc:h2:mem:indexes-" + System.nanoTime());
        ScriptUtils.executeSqlScript(db, new ClassPathResource("org/springframework/batch/core/schema-h2.sql"));
    }

    @AfterEach
    void close() throws Exception {
        db.close();
    }

    @Test
    void theStepIndexIsCreatedOnceAndTheOthersAreTheForeignKeysOwn() throws Exception {
        List<String> first = BatchIndexes.createMissing(db, "BATCH_");
        List<String> second = BatchIndexes.createMissing(db, "BATCH_");

        assertThat(first).containsExactly("BATCH_STEP_EXECUTION_JOB_STEP_IX");
        assertThat(second).isEmpty();
        for (BatchIndexes.Index index : BatchIndexes.INDEXES) {
            assertThat(BatchIndexes.covered(db, "BATCH_" + index.table(), index.columns())).as(index.name()).isTrue();
        }
        assertThat(BatchIndexes.covered(db, "BATCH_STEP_EXECUTION", List.of("STEP_NAME"))).isFalse();
    }

    @Test
    void statusReadsTheLoadStepsOfTheShownExecutionsThroughTheIndex() throws Exception {
        // given a metadata written as runs leave it (BatchMetadata creates the indexes as a tcbill start does)
        try (Connection filled = DriverManager.getConnection("jdbc:h2:mem:indexes-filled-" + System.nanoTime());
             Statement sql = filled.createStatement()) {
            BatchMetadata.generate(filled, YearMonth.of(2026, 3), 2, 20, 0);

            String plan;
            try (ResultSet row = sql.executeQuery("EXPLAIN SELECT s.JOB_EXECUTION_ID FROM BATCH_STEP_EXECUTION s"
                    + " WHERE s.STEP_NAME = '" + MonthlyBillsJob.LOAD_TABLES + "' AND s.JOB_EXECUTION_ID IN (1, 2, 3)")) {
                row.next();
                plan = row.getString(1);
            }

            assertThat(plan).contains("BATCH_STEP_EXECUTION_JOB_STEP_IX");
        }
    }

    @Test
    void aPrefixNamesTheIndexAndItsTables() throws Exception {
        try (Statement sql = db.createStatement()) {
            sql.execute("CREATE TABLE TCB_STEP_EXECUTION AS SELECT * FROM BATCH_STEP_EXECUTION WITH NO DATA");
            sql.execute("CREATE TABLE TCB_JOB_EXECUTION AS SELECT * FROM BATCH_JOB_EXECUTION WITH NO DATA");
            sql.execute("CREATE TABLE TCB_JOB_EXECUTION_PARAMS AS SELECT * FROM BATCH_JOB_EXECUTION_PARAMS WITH NO DATA");
        }

        List<String> created = BatchIndexes.createMissing(db, "TCB_");

        assertThat(created).containsExactly("TCB_STEP_EXECUTION_JOB_STEP_IX", "TCB_JOB_EXECUTION_INSTANCE_IX",
                "TCB_JOB_EXECUTION_PARAMS_EXECUTION_IX");
        assertThat(BatchIndexes.createMissing(db, "TCB_")).isEmpty();
    }
}
