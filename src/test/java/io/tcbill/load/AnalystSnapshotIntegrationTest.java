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
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.YearMonth;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@IntegrationTest
class AnalystSnapshotIntegrationTest {

    @TempDir
    Path dir;

    @Test
    void theDuckDbFileHoldsTablesAndViewsWithoutAFilePathInAStorageVersionDuckDb14CanRead() throws Exception {
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
        assertThat(AnalystDb.queryRows(db, "SELECT table_name FROM duckdb_tables() WHERE NOT internal ORDER BY 1"))
                .extracting(r -> r.get(0))
                .containsExactly("bill_l2", "bill_l2_history", "bill_l3", "bill_l3_history", "bill_summary_by_pay_mode",
                        "bill_summary_by_pay_mode_action", "bill_summary_by_product", "bill_summary_by_region",
                        "commission_detail", "commission_detail_history", "customer_month", "load_log",
                        "reconciliation", "rejected_rows", "tcbill_publication", "tcbill_publication_file", "voucher_usage");
        assertThat(AnalystDb.queryRows(db, "SELECT view_name FROM duckdb_views() WHERE NOT internal ORDER BY 1"))
                .extracting(r -> r.get(0))
                .containsExactly("bill_changes", "canonical_product", "canonical_region", "commission_by_customer", "customer", "focus_1_2", "focus_1_3",
                        "load_log_current", "monthly_cost_by_customer", "monthly_cost_by_product", "monthly_cost_by_region",
                        "voucher_usage_by_customer");
        assertThat(AnalystDb.queryRows(db, "SELECT sql FROM duckdb_views() WHERE NOT internal"))
                .extracting(r -> String.valueOf(r.get(0)))
                .noneMatch(sql -> sql.contains("read_parquet") || sql.contains(dir.toString()));
        assertThat(Files.exists(dir.resolve("tcbill.duckdb.wal"))).isFalse();
        assertThat(AnalystDb.queryRows(db, "SELECT column_name FROM duckdb_columns() WHERE table_name LIKE 'tcbill_publication%' "
                + "AND comment IS NULL")).as("undescribed manifest columns").isEmpty();
        // every table has exactly the DDL's columns and types
        try (Connection scratch = DriverManager.getConnection("jdbc:duckdb:")) {
            for (TableSchema table : TableSchema.readAll()) {
                List<TableSchema.Column> declared = table.columns(scratch);
                assertThat(AnalystDb.queryRows(db, "SELECT column_name, data_type FROM duckdb_columns() WHERE table_name = '"
                        + table.name() + "' ORDER BY column_index")).as(table.name())
                        .extracting(r -> new TableSchema.Column((String) r.get(0), (String) r.get(1))).isEqualTo(declared);
            }
        }
    }

    @Test
    void ensuringAgainWithoutChangesDoesNotWriteTheFile() throws Exception {
        Path db = dir.resolve("tcbill.duckdb");
        MonthLoader loader = new MonthLoader(DuckDbProperties.at(db));
        loader.load(request(false, input(BillCsv.l3().payer(1).row("a-1", "1.5").write(dir.resolve("a.csv")), 1L)));
        FileTime before = Files.getLastModifiedTime(db);
        Object inode = Files.readAttributes(db, java.nio.file.attribute.BasicFileAttributes.class).fileKey();

        try (AnalystDb reader = AnalystDb.open(db)) {
            loader.ensureViews();
            new MonthLoader(DuckDbProperties.at(db)).ensureViews(); // another instance: reads the manifest, finds it current
            assertThat(reader.one("SELECT count(*) FROM bill_l3")).isEqualTo(1L);
        }

        assertThat(Files.getLastModifiedTime(db)).isEqualTo(before);
        assertThat(Files.readAttributes(db, java.nio.file.attribute.BasicFileAttributes.class).fileKey()).isEqualTo(inode);
    }

    @Test
    void aSessionHeldOpenKeepsItsCompleteSnapshotWhileAReloadPublishesTheNextOne() throws Exception {
        Path db = dir.resolve("tcbill.duckdb");
        MonthLoader loader = new MonthLoader(DuckDbProperties.at(db));
        loader.load(request(false, input(BillCsv.l3().payer(1).row("a-1", "1.5").row("a-2", "2.5")
                .write(dir.resolve("a.csv")), 1L)));

        try (AnalystDb held = AnalystDb.open(db)) {
            assertThat(held.one("SELECT sum(total_cost) FROM bill_l3")).isEqualTo(new BigDecimal("4.00000000"));

            LoadReport report = loader.load(request(false, input(BillCsv.l3().payer(1).row("a-3", "7").write(dir.resolve("b.csv")), 1L)));

            assertThat(report.allLoaded()).isTrue();
            // the held session reads the file it opened: the old month, whole, and its views agree with it
            assertThat(held.one("SELECT sum(total_cost) FROM bill_l3")).isEqualTo(new BigDecimal("4.00000000"));
            assertThat(held.one("SELECT count(*) FROM bill_l3")).isEqualTo(2L);
            assertThat(held.one("SELECT sum(total_cost) FROM monthly_cost_by_customer")).isEqualTo(new BigDecimal("4.00000000"));
            // a new session (its own database instance: DuckDB's JDBC driver shares one per path within a process) sees the reload
            assertThat(attached(db, "SELECT sum(total_cost) FROM bill_l3")).isEqualTo(new BigDecimal("7.00000000"));
            assertThat(attached(db, "SELECT sum(total_cost) FROM monthly_cost_by_customer")).isEqualTo(new BigDecimal("7.00000000"));
        }
        assertThat(AnalystDb.query(db, "SELECT count(*) FROM bill_l3")).isEqualTo(1L);
    }

    @Test
    void aMonthFilePublishedWithoutItsSwapIsRepairedByTheNextEnsure() throws Exception {
        Path db = dir.resolve("tcbill.duckdb");
        MonthLoader loader = new MonthLoader(DuckDbProperties.at(db));
        loader.load(request(false, input(BillCsv.l3().payer(1).row("a-1", "1.5").write(dir.resolve("a.csv")), 1L)));
        Path month = loader.curatedDir().resolve("bill_l3/bill_month=2024-05/data.parquet");
        Path log = onlyFile(loader.curatedDir().resolve("load_log"));

        // as if a process published Parquet files and died before its swap: the month changed, a load_log file came,
        // one vanished
        try (Connection scratch = DriverManager.getConnection("jdbc:duckdb:")) {
            CuratedLayout.write(scratch, "SELECT * REPLACE (total_cost * 2 AS total_cost) FROM " + CuratedLayout.read(month), month);
            Path copy = loader.curatedDir().resolve("load_log/other-load/data.parquet");
            CuratedLayout.write(scratch, "SELECT * REPLACE ('other-load' AS load_id) FROM " + CuratedLayout.read(log), copy);
        }
        Files.delete(log);
        Files.delete(log.getParent());
        assertThat(AnalystDb.query(db, "SELECT sum(total_cost) FROM bill_l3")).isEqualTo(new BigDecimal("1.50000000"));

        new MonthLoader(DuckDbProperties.at(db)).ensureViews();

        assertThat(AnalystDb.query(db, "SELECT sum(total_cost) FROM bill_l3")).isEqualTo(new BigDecimal("3.00000000"));
        assertThat(AnalystDb.queryRows(db, "SELECT load_id FROM load_log")).containsExactly(List.of("other-load"));
        assertThat(AnalystDb.queryRows(db, "SELECT file, row_count FROM tcbill_publication_file ORDER BY file")).containsExactly(
                List.of("bill_l3/bill_month=2024-05/data.parquet", 1L), List.of("load_log/other-load/data.parquet", 1L));

        // the same instance notices a change behind it too
        try (Connection scratch = DriverManager.getConnection("jdbc:duckdb:")) {
            CuratedLayout.write(scratch, "SELECT * REPLACE (total_cost * 5 AS total_cost) FROM " + CuratedLayout.read(month), month);
        }
        loader.ensureViews();
        assertThat(AnalystDb.query(db, "SELECT sum(total_cost) FROM bill_l3")).isEqualTo(new BigDecimal("15.00000000"));
    }

    @Test
    void aStaleWalAndACrashedPublishersCopyAreReplacedByACompleteSnapshot() throws Exception {
        Path db = dir.resolve("tcbill.duckdb");
        MonthLoader loader = new MonthLoader(DuckDbProperties.at(db));
        loader.load(request(false, input(BillCsv.l3().payer(1).row("a-1", "1.5").write(dir.resolve("a.csv")), 1L)));
        // an in-place writer (older tcbill, or an analyst's read-write session) that died before its checkpoint
        try (Connection writer = DriverManager.getConnection("jdbc:duckdb:" + db); Statement sql = writer.createStatement()) {
            sql.execute("PRAGMA disable_checkpoint_on_shutdown");
            sql.execute("SET checkpoint_threshold = '1TB'");
            sql.execute("CREATE TABLE scribble AS SELECT 42 AS answer");
            sql.execute("DELETE FROM bill_l3");
        }
        assertThat(dir.resolve("tcbill.duckdb.wal")).exists();
        Files.writeString(dir.resolve("tcbill.duckdb.tmp-crashed"), "half a snapshot");
        Path month = loader.curatedDir().resolve("bill_l3/bill_month=2024-05/data.parquet");
        try (Connection scratch = DriverManager.getConnection("jdbc:duckdb:")) {
            CuratedLayout.write(scratch, "SELECT * REPLACE (total_cost * 2 AS total_cost) FROM " + CuratedLayout.read(month), month);
        }

        new MonthLoader(DuckDbProperties.at(db)).ensureViews();

        assertThat(dir.resolve("tcbill.duckdb.wal")).doesNotExist();
        assertThat(dir.resolve("tcbill.duckdb.tmp-crashed")).doesNotExist();
        assertThat(AnalystDb.query(db, "SELECT sum(total_cost) FROM bill_l3")).isEqualTo(new BigDecimal("3.00000000"));
        assertThat(AnalystDb.query(db, "SELECT count(*) FROM duckdb_tables() WHERE table_name = 'scribble'")).isEqualTo(0L);
    }

    @Test
    void twoPublishersOfDifferentMonthsBothEndUpInTheLastSnapshot() throws Exception {
        Path db = dir.resolve("tcbill.duckdb");
        MonthLoader one = new MonthLoader(DuckDbProperties.at(db));
        MonthLoader other = new MonthLoader(DuckDbProperties.at(db));
        Path a = BillCsv.l3().payer(1).row("a-1", "1.5").write(dir.resolve("a.csv"));
        Path b = BillCsv.l3().payer(1).row("b-1", "2").write(dir.resolve("b.csv"));

        CompletableFuture<LoadReport> may = CompletableFuture.supplyAsync(() -> one.load(request(false, uncheckedInput(a))));
        CompletableFuture<LoadReport> june = CompletableFuture.supplyAsync(() -> other.load(new LoadRequest(
                MonthLoaderIntegrationTest.L3, YearMonth.of(2024, 6), List.of(uncheckedInput(b)), false)));

        assertThat(may.get(2, TimeUnit.MINUTES).allLoaded()).isTrue();
        assertThat(june.get(2, TimeUnit.MINUTES).allLoaded()).isTrue();
        assertThat(AnalystDb.queryRows(db, "SELECT CAST(bill_month AS VARCHAR), sum(total_cost) FROM bill_l3 GROUP BY 1 ORDER BY 1"))
                .containsExactly(List.of("2024-05-01", new BigDecimal("1.50000000")), List.of("2024-06-01", new BigDecimal("2.00000000")));
        assertThat(AnalystDb.query(db, "SELECT count(*) FROM load_log")).isEqualTo(2L);
    }

    @Test
    void anotherProcessPublishingMakesALoadWaitForItsTurnAndIsNamed() throws Exception {
        Path db = dir.resolve("tcbill.duckdb");
        MonthLoader loader = new MonthLoader(MonthLoaderIntegrationTest.properties(db, 0, Duration.ofMillis(800)));
        loader.ensureViews();
        Process publisher = start(PublishLockHolder.class, db.toString());
        try {
            LoadRequest request = request(false, input(BillCsv.l3().payer(1).row("a-1", "2").write(dir.resolve("a.csv")), 1L));

            assertThatThrownBy(() -> loader.load(request)).isInstanceOf(LoadException.class)
                    .hasMessageContaining("another process (PID " + publisher.pid() + ") kept publishing " + db)
                    .hasMessageContaining("the data is already published as Parquet");
            assertThat(AnalystDb.query(db, "SELECT count(*) FROM bill_l3")).isEqualTo(0L);
        } finally {
            release(publisher);
        }

        loader.ensureViews();

        assertThat(AnalystDb.query(db, "SELECT sum(total_cost) FROM bill_l3")).isEqualTo(new BigDecimal("2.00000000"));
    }

    @Test
    void anotherProcessHoldingTheFileReadWriteDelaysOnlyTheSnapshotAndIsNamed() throws Exception {
        Path db = dir.resolve("tcbill.duckdb");
        new MonthLoader(DuckDbProperties.at(db)).ensureViews();
        MonthLoader loader = new MonthLoader(new DuckDbProperties(db, dir.resolve("curated"), null, "256MB", 0,
                Duration.ofMillis(800), 0, 2));
        Process holder = hold(db, "rw");
        try {
            LoadRequest request = request(false, input(BillCsv.l3().payer(1).row("a-1", "2").write(dir.resolve("a.csv")), 1L));

            assertThatThrownBy(() -> loader.load(request)).isInstanceOf(LoadException.class)
                    .hasMessageContaining("close the DuckDB session holding " + db + " (PID " + holder.pid())
                    .hasMessageContaining("the data is already published as Parquet");
            assertThat(dir.resolve("curated/bill_l3/bill_month=2024-05/data.parquet")).exists();
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
                    List.of(input(BillCsv.l3().payer(1).row("a-1", "2").write(dir.resolve("a.csv")), 1L)), false));

            assertThat(report.allLoaded()).isTrue();
        } finally {
            release(holder);
        }
        assertThat(AnalystDb.query(db, "SELECT count(*) FROM bill_l3 WHERE bill_month = DATE '2024-06-01'")).isEqualTo(1L);
    }

    /** A query through a new in-memory DuckDB that attaches the file read-only: a database instance of its own. */
    private static Object attached(Path db, String sql) throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:"); Statement statement = connection.createStatement()) {
            statement.execute("ATTACH '" + db + "' AS snapshot (READ_ONLY)");
            statement.execute("USE snapshot");
            try (var rs = statement.executeQuery(sql)) {
                rs.next();
                return rs.getObject(1);
            }
        }
    }

    private static RawInput uncheckedInput(Path file) {
        try {
            return input(file, 1L);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path onlyFile(Path tableDir) throws Exception {
        try (Stream<Path> partitions = Files.list(tableDir)) {
            List<Path> files = partitions.map(p -> p.resolve("data.parquet")).filter(Files::exists).toList();
            assertThat(files).hasSize(1);
            return files.get(0);
        }
    }

    private static Process hold(Path db, String mode) throws Exception {
        return start(DuckDbFileHolder.class, db.toString(), mode);
    }

    /** A child JVM running {@code main} of a holder class, once it printed "holding". */
    private static Process start(Class<?> main, String... args) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new java.util.ArrayList<>(List.of(java, "-Xmx64m", "-cp", System.getProperty("java.class.path"),
                main.getName()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
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
