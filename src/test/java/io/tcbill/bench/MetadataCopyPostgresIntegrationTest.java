package io.tcbill.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.tcbill.IntegrationTest;
import io.tcbill.run.RunRecord;
import io.tcbill.run.StatusQueries;
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
 * The bench's copy of an H2 metadata into PostgreSQL (the local server at 127.0.0.1:5432, user postgres, as .ci/run
 * starts it; skipped with the reason where there is none): status reads the same runs and raw keys from both.
 */
@IntegrationTest
class MetadataCopyPostgresIntegrationTest {

    private static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/";

    @Test
    void statusReadsTheSameRunsFromTheCopy() throws Exception {
        String name = "tcbill_copy_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection admin = admin(); Statement sql = admin.createStatement()) {
            sql.execute("CREATE DATABASE " + name);
        }
        try (Connection h2 = DriverManager.getConnection("jdbc:h2:mem:copy-" + System.nanoTime())) {
            // given 3 months × 5 feeds of 7 customers on H2, one l3 failed and resumed
            YearMonth last = YearMonth.of(2026, 3);
            BatchMetadata.generate(h2, last, 3, 7, 2);
            try (Connection postgres = DriverManager.getConnection(SERVER + name, "postgres", "")) {
                MetadataCopy.toPostgres(h2, postgres);

                List<RunRecord> fromH2 = new StatusQueries(h2, "BATCH_").latest(null);
                List<RunRecord> fromCopy = new StatusQueries(postgres, "BATCH_").latest(null);

                assertThat(fromCopy).hasSize(15).isEqualTo(fromH2);
                assertThat(new StatusQueries(postgres, "BATCH_").rawKeys(fromCopy.get(2)))
                        .isEqualTo(new StatusQueries(h2, "BATCH_").rawKeys(fromH2.get(2))).hasSize(7);
            }
        } finally {
            try (Connection admin = admin(); Statement sql = admin.createStatement()) {
                sql.execute("DROP DATABASE IF EXISTS " + name);
            }
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
