package io.tcbill.load;

import static io.tcbill.load.MonthLoaderIntegrationTest.MAY;
import static io.tcbill.load.MonthLoaderIntegrationTest.row;
import static org.assertj.core.api.Assertions.assertThat;

import io.tcbill.IntegrationTest;
import io.tcbill.feed.Feed;
import io.tcbill.feed.FeedCatalog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The analysts' DuckDB file describes itself: every table, view and column carries the comment of the schema files, and
 * the commission file's rows name their customer in customer_uin like every other table.
 */
@IntegrationTest
class SchemaCommentsIntegrationTest {

    static final Feed COMMISSION = FeedCatalog.load().get("commission");
    static final List<String> COMMISSION_HEADERS = List.of("Commission Month", "Reseller Account ID", "Customer Account ID",
            "Customer Name", "TransactionID", "Commissionable Amount", "Commission Rate", "Commission Amount", "Currency");

    @TempDir
    Path dir;

    @Test
    void aLoadedFileHasACommentOnEveryTableViewAndColumn() throws Exception {
        Path db = dir.resolve("data/tcbill.duckdb");
        MonthLoader loader = new MonthLoader(MonthLoaderIntegrationTest.properties(db, 0, Duration.ofSeconds(5)));
        loader.load(MonthLoaderIntegrationTest.request(false, MonthLoaderIntegrationTest.input(
                BillCsv.l3().payer(7).row("t-1", "1.5").write(dir.resolve("raw/7.csv")), 7L)));

        List<List<Object>> undescribed = AnalystDb.queryRows(db, "SELECT 'table ' || table_name FROM duckdb_tables() "
                + "WHERE comment IS NULL OR comment = '' UNION ALL SELECT 'view ' || view_name FROM duckdb_views() "
                + "WHERE NOT internal AND (comment IS NULL OR comment = '') UNION ALL SELECT 'column ' || table_name || '.' "
                + "|| column_name FROM duckdb_columns() WHERE database_name = current_database() AND schema_name = 'main' "
                + "AND (comment IS NULL OR comment = '') ORDER BY 1");
        assertThat(undescribed).as("tables, views and columns without a comment (write one in schema/, schema/README.md)")
                .isEmpty();
        // the manifest tables (tcbill_publication*) are described by the snapshot code, not by schema/
        assertThat(AnalystDb.query(db, "SELECT count(*) FROM duckdb_columns() WHERE database_name = current_database() "
                + "AND schema_name = 'main' AND comment IS NOT NULL AND table_name NOT LIKE 'tcbill_publication%'"))
                .isEqualTo((long) wantedColumns());
        assertThat(AnalystDb.query(db, "SELECT comment FROM duckdb_columns() WHERE table_name = 'bill_l3' "
                + "AND column_name = 'transaction_time'")).asString().contains("Beijing time (UTC+8)");
    }

    @Test
    void aFileBuiltWithOtherDescriptionsIsRebuiltWithTodaysByTheNextLoader() throws Exception {
        Path db = dir.resolve("data/tcbill.duckdb");
        new MonthLoader(MonthLoaderIntegrationTest.properties(db, 0, Duration.ofSeconds(5))).ensureViews();
        // as an earlier tcbill with another description would have left it: its comment and its definitions' fingerprint
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:" + db)) {
            connection.createStatement().execute("COMMENT ON COLUMN load_log.started_at IS 'an older description'");
            connection.createStatement().execute("UPDATE tcbill_publication SET definitions_sha256 = 'an older build'");
        }

        new MonthLoader(MonthLoaderIntegrationTest.properties(db, 0, Duration.ofSeconds(5))).ensureViews();

        assertThat(AnalystDb.query(db, "SELECT comment FROM duckdb_columns() WHERE table_name = 'load_log' "
                + "AND column_name = 'started_at'")).asString().contains("UTC");
    }

    @Test
    void commissionRowsNameTheirCustomerInCustomerUinAndANewFileReplacesTheMonth() throws Exception {
        Path db = dir.resolve("data/tcbill.duckdb");
        MonthLoader loader = new MonthLoader(MonthLoaderIntegrationTest.properties(db, 0, Duration.ofSeconds(5)));
        loader.load(commission(dir.resolve("raw/c1.csv"), "900000000001,t-1,10", "900000000002,t-2,20"));

        loader.load(commission(dir.resolve("raw/c2.csv"), "900000000001,t-1,11", "900000000003,t-3,30"));

        assertThat(AnalystDb.queryRows(db, "SELECT customer_uin, customer_account_id, transaction_id FROM commission_detail "
                + "ORDER BY transaction_id")).containsExactly(
                row(900000000001L, 900000000001L, "t-1"), row(900000000003L, 900000000003L, "t-3"));
        assertThat(AnalystDb.queryRows(db, "SELECT customer_uin, CAST(commission_amount AS VARCHAR) FROM commission_by_customer "
                + "ORDER BY customer_uin")).containsExactly(row(900000000001L, "1.10000000"), row(900000000003L, "3.00000000"));
        assertThat(AnalystDb.queryRows(db, "SELECT coverage, customer_uin, row_count FROM load_log_current"))
                .containsExactly(row("own", null, 2L));
    }

    private static LoadRequest commission(Path file, String... rows) throws Exception {
        StringBuilder csv = new StringBuilder(String.join(",", COMMISSION_HEADERS)).append("\r\n");
        for (String row : rows) {
            String[] v = row.split(",");
            csv.append("2024-05,100000000001,").append(v[0]).append(",Acme,").append(v[1]).append(",").append(v[2])
                    .append(",0.1,").append(new java.math.BigDecimal(v[2]).movePointLeft(1)).append(",USD\r\n");
        }
        Files.createDirectories(file.getParent());
        Files.writeString(file, csv);
        return new LoadRequest(COMMISSION, MAY, List.of(new RawInput(file, "raw/commission/" + file.getFileName(), null,
                "abc", Files.size(file))), true);
    }

    private static int wantedColumns() {
        return SchemaDocs.readAll(TableSchema.readAll(), DerivedView.readAll()).stream().mapToInt(d -> d.columns().size()).sum();
    }
}
