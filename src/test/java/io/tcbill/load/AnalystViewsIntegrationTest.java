package io.tcbill.load;

import static io.tcbill.load.MonthLoaderIntegrationTest.input;
import static io.tcbill.load.MonthLoaderIntegrationTest.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tcbill.IntegrationTest;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.YearMonth;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@IntegrationTest
class AnalystViewsIntegrationTest {

    @TempDir
    Path dir;

    @Test
    void theDuckDbFileIsInAStorageVersionDuckDb14CanRead() throws Exception {
        Path db = dir.resolve("tcbill.duckdb");

        new MonthLoader(DuckDbProperties.at(db)).ensureViews();

        // main header: 8-byte checksum, "DUCK", then the storage version number; DuckDB 1.4/1.5 read 64..68
        ByteBuffer header = ByteBuffer.wrap(Files.readAllBytes(db), 0, 20).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(new String(Files.readAllBytes(db), 8, 4, StandardCharsets.US_ASCII)).isEqualTo("DUCK");
        assertThat(header.getLong(12)).isBetween(64L, 68L);
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:")) {
            var rs = connection.createStatement().executeQuery("ATTACH '" + db + "' AS t (READ_ONLY); "
                    + "SELECT CAST(tags AS VARCHAR) FROM duckdb_databases() WHERE database_name = 't'");
            rs.next();
            assertThat(rs.getString(1)).contains("storage_version=v1.4.0");
        }
        assertThat(AnalystDb.queryRows(db, "SELECT view_name FROM duckdb_views() WHERE NOT internal ORDER BY 1"))
                .extracting(r -> r.get(0))
                .containsExactly("bill_l2", "bill_l3", "bill_summary_by_pay_mode", "bill_summary_by_pay_mode_action",
                        "bill_summary_by_product", "bill_summary_by_region", "canonical_product", "commission_by_customer", "commission_detail",
                        "customer", "customer_month", "focus_1_2", "focus_1_3", "load_log", "load_log_current", "monthly_cost_by_customer",
                        "monthly_cost_by_product", "monthly_cost_by_region", "reconciliation", "rejected_rows",
                        "voucher_usage", "voucher_usage_by_customer");
    }

    @Test
    void ensuringViewsAgainDoesNotWriteTheFile() throws Exception {
        Path db = dir.resolve("tcbill.duckdb");
        MonthLoader loader = new MonthLoader(DuckDbProperties.at(db));
        loader.ensureViews();
        FileTime before = Files.getLastModifiedTime(db);
        long size = Files.size(db);

        try (AnalystDb reader = AnalystDb.open(db)) {
            loader.ensureViews();
            assertThat(reader.one("SELECT count(*) FROM bill_l2")).isEqualTo(0L);
        }

        assertThat(Files.getLastModifiedTime(db)).isEqualTo(before);
        assertThat(Files.size(db)).isEqualTo(size);
    }

    @Test
    void anOpenReaderSeesTheOldMonthUntilTheMoveThenTheNewOne() throws Exception {
        Path db = dir.resolve("tcbill.duckdb");
        MonthLoader loader = new MonthLoader(DuckDbProperties.at(db));
        loader.load(request(false, input(BillCsv.l3().payer(1).row("a-1", "1.5").write(dir.resolve("a.csv")), 1L)));
        Path month = loader.curatedDir().resolve("bill_l3/bill_month=2024-05/data.parquet");

        try (AnalystDb reader = AnalystDb.open(db)) {
            assertThat(reader.one("SELECT sum(total_cost) FROM bill_l3")).isEqualTo(new BigDecimal("1.50000000"));
            // a new month file written beside the old one is not visible to the view's glob...
            Path tmp = month.resolveSibling("data.parquet.tmp-test");
            try (Connection scratch = DriverManager.getConnection("jdbc:duckdb:")) {
                scratch.createStatement().execute("COPY (SELECT * REPLACE (total_cost * 2 AS total_cost) FROM read_parquet('"
                        + month + "', hive_partitioning = false)) TO '" + tmp + "' (FORMAT parquet)");
            }
            assertThat(reader.one("SELECT sum(total_cost) FROM bill_l3")).isEqualTo(new BigDecimal("1.50000000"));
            // ...until it is moved over it
            Files.move(tmp, month, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            assertThat(reader.one("SELECT sum(total_cost) FROM bill_l3")).isEqualTo(new BigDecimal("3.00000000"));

            LoadReport report = loader.load(request(false, input(BillCsv.l3().payer(1).row("a-2", "7").write(dir.resolve("b.csv")), 1L)));

            assertThat(report.allLoaded()).isTrue();
            assertThat(reader.one("SELECT sum(total_cost) FROM bill_l3")).isEqualTo(new BigDecimal("7.00000000"));
        }
    }

    @Test
    void anotherProcessHoldingTheFileDelaysOnlyTheViewsAndIsNamed() throws Exception {
        Path db = dir.resolve("tcbill.duckdb");
        new MonthLoader(DuckDbProperties.at(db)).ensureViews();
        // the same DuckDB file over another curated directory: its views must be rewritten
        MonthLoader loader = new MonthLoader(new DuckDbProperties(db, dir.resolve("other"), null, "256MB", 0,
                Duration.ofMillis(800)));
        Process holder = hold(db, "rw");
        try {
            LoadRequest request = request(false, input(BillCsv.l3().payer(1).row("a-1", "2").write(dir.resolve("a.csv")), 1L));

            assertThatThrownBy(() -> loader.load(request)).isInstanceOf(LoadException.class)
                    .hasMessageContaining("close the DuckDB session holding " + db + " (PID " + holder.pid())
                    .hasMessageContaining("the data is already published as Parquet");
            assertThat(dir.resolve("other/bill_l3/bill_month=2024-05/data.parquet")).exists();
        } finally {
            release(holder);
        }

        loader.ensureViews();

        assertThat(AnalystDb.query(db, "SELECT sum(total_cost) FROM bill_l3")).isEqualTo(new BigDecimal("2.00000000"));
    }

    @Test
    void anotherProcessReadingTheFileDoesNotDelayALoad() throws Exception {
        Path db = dir.resolve("tcbill.duckdb");
        MonthLoader loader = new MonthLoader(MonthLoaderIntegrationTest.properties(db, 0, Duration.ofMillis(1)));
        loader.ensureViews();
        Process holder = hold(db, "ro");
        try {
            LoadReport report = loader.load(new LoadRequest(MonthLoaderIntegrationTest.L3, YearMonth.of(2024, 6),
                    java.util.List.of(input(BillCsv.l3().payer(1).row("a-1", "2").write(dir.resolve("a.csv")), 1L)), false));

            assertThat(report.allLoaded()).isTrue();
        } finally {
            release(holder);
        }
        assertThat(AnalystDb.query(db, "SELECT count(*) FROM bill_l3 WHERE bill_month = DATE '2024-06-01'")).isEqualTo(1L);
    }

    private static Process hold(Path db, String mode) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-Xmx64m", "-cp", System.getProperty("java.class.path"),
                DuckDbFileHolder.class.getName(), db.toString(), mode).redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        assertThat(line).as("holder process output").isEqualTo("holding");
        return process;
    }

    private static void release(Process process) throws Exception {
        process.getOutputStream().close();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
