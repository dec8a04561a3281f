package io.tcbill;

import io.tcbill.simulator.PartnerSimulator;
import io.tcbill.simulator.SimulatorConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.springframework.batch.test.context.SpringBatchTest;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The one Spring context the job tests share: the real pipeline against the Partner API simulator, the embedded
 * S3-compatible store over HTTP, Batch metadata in an H2 file and a DuckDB file, all in one temporary directory.
 * Every test class that needs the context extends this class unchanged, so Spring builds it once per test JVM.
 */
@SpringBootTest(classes = TcbillApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE)
@SpringBatchTest
public abstract class PipelineTestSupport {

    protected static final Path DATA_DIR = tempDir();
    /**
     * The reseller's customers: enough for the whole-month test to send each action three times its rate limit (the
     * limiters must queue), and for the other tests to take customers of their own (they use the first 52); scale
     * stays in {@code tcbill bench}. 200 took the whole-month test 115 s and proved nothing more.
     */
    protected static final int CUSTOMERS = 60;
    /** The summary actions' documented 1/s would make 60 customers take minutes; both sides agree on 20/s here. */
    protected static final int SUMMARY_QPS = 20;
    protected static final List<String> SUMMARY_ACTIONS =
            List.of("DescribeBillSummaryByRegion", "DescribeBillSummaryByProduct", "DescribeBillSummaryByPayMode");
    protected static final PartnerSimulator SIMULATOR = PartnerSimulator.start(simulatorConfig());

    private static SimulatorConfig simulatorConfig() {
        SimulatorConfig config = SimulatorConfig.defaults()
                .withCustomers(CUSTOMERS, 4)
                .withRows(60, 20, 12, 4, 80)
                .withPollsBeforeReady(1);
        for (String action : SUMMARY_ACTIONS) {
            config = config.withRateLimit(action, SUMMARY_QPS);
        }
        return config;
    }

    @DynamicPropertySource
    static void pipelineProperties(DynamicPropertyRegistry registry) {
        registry.add("tcbill.api.endpoint", () -> SIMULATOR.endpoint().toString());
        registry.add("tcbill.api.secret-id", () -> SimulatorConfig.DEMO_SECRET_ID);
        registry.add("tcbill.api.secret-key", () -> SimulatorConfig.DEMO_SECRET_KEY);
        registry.add("tcbill.api.initial-backoff", () -> "50ms");
        registry.add("tcbill.api.role", () -> "reseller");
        for (String action : SUMMARY_ACTIONS) {
            registry.add("tcbill.api.rate-limits." + action, () -> SUMMARY_QPS);
        }
        registry.add("tcbill.download.allowed-hosts", () -> "127.0.0.1");
        registry.add("tcbill.poll.initial-interval", () -> "20ms");
        registry.add("tcbill.poll.max-interval", () -> "100ms");
        // long enough for a poll that queues behind 48 others at 20 requests/s; the never-ready tests wait this long
        registry.add("tcbill.poll.deadline", () -> "8s");
        registry.add("tcbill.storage.endpoint", () -> "");
        registry.add("tcbill.storage.embedded-dir", () -> DATA_DIR.resolve("objects").toString());
        registry.add("tcbill.duckdb.path", () -> DATA_DIR.resolve("tcbill.duckdb").toString());
        registry.add("spring.datasource.url", () -> "jdbc:h2:file:" + DATA_DIR.resolve("meta") + ";DB_CLOSE_ON_EXIT=FALSE");
    }

    /** Runs a query on the DuckDB file through a new read-only connection, as an analyst would. */
    protected static List<List<Object>> query(String sql) {
        Properties readOnly = new Properties();
        readOnly.setProperty("duckdb.read_only", "true");
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:" + DATA_DIR.resolve("tcbill.duckdb"), readOnly);
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            List<List<Object>> result = new ArrayList<>();
            int columns = rows.getMetaData().getColumnCount();
            while (rows.next()) {
                List<Object> row = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    row.add(rows.getObject(i));
                }
                result.add(row);
            }
            return result;
        } catch (SQLException e) {
            throw new IllegalStateException("query failed: " + sql, e);
        }
    }

    protected static long count(String sql) {
        return ((Number) query(sql).get(0).get(0)).longValue();
    }

    protected static BigDecimal decimal(String sql) {
        Object value = query(sql).get(0).get(0);
        return value == null ? null : new BigDecimal(value.toString());
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("tcbill-pipeline-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
