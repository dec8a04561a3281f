package io.tcbill.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tcbill.IntegrationTest;
import io.tcbill.simulator.BillData;
import io.tcbill.simulator.PartnerSimulator;
import io.tcbill.simulator.SimulatorConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.containers.MinIOContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.postgresql.PostgreSQLContainer;
import picocli.CommandLine;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * A month as production runs it: {@code tcbill run} against the simulator as the Partner API, the raw zone in a real
 * MinIO and the Batch metadata in a real PostgreSQL, both in containers. Skipped where no Docker daemon answers
 * (JUnit reports it as "disabled: Docker is not available").
 */
@IntegrationTest
@Testcontainers(disabledWithoutDocker = true)
class MinioPostgresMonthIntegrationTest {

    private static final YearMonth MONTH = YearMonth.of(2026, 6);
    private static final String BUCKET = "tcbill-containers";

    @Container
    static final MinIOContainer MINIO = new MinIOContainer("minio/minio:RELEASE.2025-04-22T22-12-26Z");

    @Container
    static final PostgreSQLContainer POSTGRES = new PostgreSQLContainer("postgres:16-alpine");

    @TempDir
    Path dir;

    private PartnerSimulator simulator;
    private final Map<String, String> settings = new HashMap<>();
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void configure() {
        simulator = PartnerSimulator.start(SimulatorConfig.defaults().withCustomers(4, 1).withPollsBeforeReady(1));
        settings.put("tcbill.api.endpoint", simulator.endpoint().toString());
        settings.put("tcbill.api.secret-id", SimulatorConfig.DEMO_SECRET_ID);
        settings.put("tcbill.api.secret-key", SimulatorConfig.DEMO_SECRET_KEY);
        settings.put("tcbill.api.role", "reseller");
        settings.put("tcbill.download.allowed-hosts", "127.0.0.1");
        settings.put("tcbill.poll.initial-interval", "20ms");
        settings.put("tcbill.storage.endpoint", MINIO.getS3URL());
        // the Docker host may not be this machine: plain http to it is this test's choice, not a production default
        settings.put("tcbill.storage.allow-insecure-http", "true");
        settings.put("tcbill.storage.bucket", BUCKET);
        settings.put("tcbill.storage.access-key", MINIO.getUserName());
        settings.put("tcbill.storage.secret-key", MINIO.getPassword());
        settings.put("tcbill.duckdb.path", dir.resolve("tcbill.duckdb").toString());
        settings.put("spring.datasource.url", POSTGRES.getJdbcUrl());
        settings.put("spring.datasource.username", POSTGRES.getUsername());
        settings.put("spring.datasource.password", POSTGRES.getPassword());
        settings.forEach(System::setProperty);
    }

    @AfterEach
    void clear() {
        settings.keySet().forEach(System::clearProperty);
        simulator.close();
    }

    @Test
    void aMonthOfL3AndSummariesLandsInMinioWithItsMetadataInPostgresAndReconciles() throws SQLException {
        CommandLine cli = TcbillCli.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));

        int exit = cli.execute("run", "--month", MONTH.toString(), "--feed", "l3", "--feed", "summaries");

        assertThat(exit).as(out + "\n" + err).isZero();
        BillData data = simulator.data();
        // every customer's L3 file is in MinIO under the month's raw prefix
        assertThat(rawKeys()).hasSize(data.customerUins().size())
                .allSatisfy(key -> assertThat(key).startsWith("raw/l3/bill_month=" + MONTH + "/customer_uin="));
        // the month's rows and totals per customer are the simulator's
        for (Long uin : data.customerUins()) {
            BillData.ExpectedFile expected = data.expected("l3", MONTH, uin);
            List<BigDecimal> loaded = duckDb("SELECT count(*), coalesce(sum(total_cost), 0) FROM bill_l3 WHERE customer_uin = "
                    + uin + " AND bill_month = DATE '" + MONTH.atDay(1) + "'");
            assertThat(loaded.get(0).longValue()).as("rows of " + uin).isEqualTo(expected.rows());
            assertThat(loaded.get(1)).as("total of " + uin).isEqualByComparingTo(expected.totalCost());
        }
        // both runs are recorded in PostgreSQL, completed
        assertThat(jobStatuses()).containsExactly("COMPLETED", "COMPLETED");
    }

    private List<String> rawKeys() {
        try (S3Client s3 = S3Client.builder().endpointOverride(URI.create(MINIO.getS3URL())).forcePathStyle(true)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(MINIO.getUserName(), MINIO.getPassword())))
                .build()) {
            return s3.listObjectsV2Paginator(b -> b.bucket(BUCKET).prefix("raw/l3/bill_month=" + MONTH + "/")).contents()
                    .stream().map(S3Object::key).toList();
        }
    }

    private List<BigDecimal> duckDb(String sql) throws SQLException {
        Properties readOnly = new Properties();
        readOnly.setProperty("duckdb.read_only", "true");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + dir.resolve("tcbill.duckdb"), readOnly);
             ResultSet rows = c.createStatement().executeQuery(sql)) {
            rows.next();
            return List.of(rows.getBigDecimal(1), rows.getBigDecimal(2));
        }
    }

    private List<String> jobStatuses() throws SQLException {
        List<String> statuses = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(POSTGRES.getJdbcUrl(), POSTGRES.getUsername(), POSTGRES.getPassword());
             ResultSet rows = c.createStatement().executeQuery(
                     "SELECT status FROM batch_job_execution ORDER BY job_execution_id")) {
            while (rows.next()) {
                statuses.add(rows.getString(1));
            }
        }
        return statuses;
    }
}
