package io.tcbill.lake;

import static org.assertj.core.api.Assertions.assertThat;

import io.tcbill.IntegrationTest;
import io.tcbill.PipelineTestSupport;
import io.tcbill.load.CuratedLayout;
import io.tcbill.load.SchemaContract;
import io.tcbill.run.FeedRun;
import io.tcbill.run.MonthRunner;
import io.tcbill.storage.ObjectStorage;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.YearMonth;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * A real month through the job lands every table in the lake under {@code billing_period=YYYY-MM} (load_log,
 * rejected_rows, customer_month and reconciliation included), and the DuckDB script of {@code lake-views}, run over a
 * copy of the bucket's objects, answers every table and view of the month as the analysts' DuckDB file does.
 */
@IntegrationTest
class LakeViewsIntegrationTest extends PipelineTestSupport {

    private static final YearMonth MONTH = YearMonth.of(2025, 7);
    private static final String IN_MONTH = " WHERE bill_month = DATE '" + MONTH.atDay(1) + "'";

    @Autowired
    MonthRunner runner;

    @Autowired
    ObjectStorage storage;

    @Test
    void everyTableOfAMonthIsInTheLakeAndTheDuckDbScriptAnswersAsTheAnalystsFile(@TempDir Path dir) throws Exception {
        // a legacy key of the month, as tcbill wrote it before billing_period: the new key replaces it
        storage.client().putObject(b -> b.bucket(storage.bucket()).key(CuratedLayout.legacyLakeKey("bill_l3", MONTH)),
                RequestBody.fromString("not parquet"));
        List<Long> few = SIMULATOR.data().customerUins().subList(52, 55);
        for (String feed : List.of("l3", "summaries")) { // whole months: listCustomers publishes customer_month
            FeedRun run = runner.run(MONTH, feed, List.of());
            assertThat(run.succeeded()).as(feed + ": " + run.reason()).isTrue();
        }
        for (String feed : List.of("l2", "vouchers")) {
            assertThat(runner.run(MONTH, feed, few).succeeded()).as(feed).isTrue();
        }
        assertThat(runner.run(MONTH, "commission", List.of()).succeeded()).isTrue();
        // Tencent restates a customer's L3 and L2 and the commission file: the re-pulls keep the earlier versions
        SIMULATOR.data().restate("l3", MONTH, few.get(0));
        SIMULATOR.data().restate("l2", MONTH, few.get(0));
        SIMULATOR.data().restate("commission", MONTH, null);
        for (String feed : List.of("l3", "summaries", "l2")) {
            assertThat(runner.run(MONTH, feed, few).succeeded()).as(feed + " again").isTrue();
        }
        assertThat(runner.run(MONTH, "commission", List.of()).succeeded()).as("commission again").isTrue();

        List<String> keys = LakeCopy.keys(storage);
        for (SchemaContract.Table table : SchemaContract.tables()) {
            assertThat(keys).contains(CuratedLayout.lakeKey(table.name(), MONTH), CuratedLayout.lakeEmptyKey(table.name()));
        }
        assertThat(keys).as("no legacy bill_month= folder is left for the month")
                .noneMatch(key -> key.startsWith(CuratedLayout.LAKE_PREFIX) && key.contains("/bill_month="));
        assertThat(keys).contains("curated/_views/duckdb.sql", "curated/_views/spark.sql", "curated/_views/trino.sql");

        Path lake = LakeCopy.copy(storage, dir);
        String script = LakeViews.ofSchema().script(LakeViews.Engine.DUCKDB, lake.toString());
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:")) {
            run(duck, "SET autoinstall_known_extensions = false");
            for (String statement : LakeScripts.statements(script)) {
                run(duck, statement);
            }
            run(duck, "ATTACH '" + DATA_DIR.resolve("tcbill.duckdb") + "' AS analysts (READ_ONLY)");
            for (SchemaContract.Table table : SchemaContract.tables()) {
                long rows = count("SELECT count(*) FROM " + table.name() + IN_MONTH);
                if (!table.name().equals("rejected_rows")) {
                    assertThat(rows).as(table.name() + " rows of " + MONTH).isPositive();
                }
                assertThat(single(duck, "SELECT count(*) FROM " + table.name() + IN_MONTH + " AND billing_period = '" + MONTH + "'"))
                        .as(table.name() + " in the lake").isEqualTo(rows);
                assertSameRows(duck, table.name(), "SELECT * EXCLUDE (billing_period) FROM main." + table.name() + IN_MONTH,
                        "SELECT * FROM analysts." + table.name() + IN_MONTH);
            }
            for (SchemaContract.View view : SchemaContract.views()) {
                if (hasBillMonth(duck, view.name())) {
                    assertSameRows(duck, view.name(), "SELECT * FROM main." + view.name() + IN_MONTH,
                            "SELECT * FROM analysts." + view.name() + IN_MONTH);
                }
            }
        }
    }

    private static void assertSameRows(Connection duck, String name, String lake, String analysts) throws SQLException {
        assertThat(single(duck, "SELECT count(*) FROM (" + lake + " EXCEPT ALL " + analysts + ")"))
                .as(name + ": rows in the lake that the DuckDB file does not have").isZero();
        assertThat(single(duck, "SELECT count(*) FROM (" + analysts + " EXCEPT ALL " + lake + ")"))
                .as(name + ": rows in the DuckDB file that the lake does not have").isZero();
    }

    private static boolean hasBillMonth(Connection duck, String view) throws SQLException {
        return single(duck, "SELECT count(*) FROM duckdb_columns() WHERE database_name = 'memory' AND table_name = '"
                + view + "' AND column_name = 'bill_month'") == 1;
    }

    private static long single(Connection duck, String sql) throws SQLException {
        try (Statement statement = duck.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static void run(Connection duck, String sql) throws SQLException {
        try (Statement statement = duck.createStatement()) {
            statement.execute(sql);
        }
    }
}
