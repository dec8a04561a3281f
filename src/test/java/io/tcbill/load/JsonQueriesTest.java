package io.tcbill.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.tcbill.feed.Feed;
import io.tcbill.feed.FeedCatalog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonQueriesTest {

    static final List<String> ADDED_BY_THE_LOADER = List.of("bill_month", "source_key", "source_line", "load_id", "extra_columns");

    @TempDir
    Path dir;

    @Test
    void everyJsonTableHasAQuerySelectingExactlyItsColumnsWithTheirTypes() throws Exception {
        Path empty = Files.writeString(dir.resolve("empty.ndjson"), "");
        List<TableSchema> tables = TableSchema.readAll();
        List<String> jsonTables = FeedCatalog.load().all().stream().filter(f -> f.format() == Feed.Format.JSON)
                .flatMap(f -> f.tables().stream()).toList();
        assertThat(jsonTables).contains("bill_summary_by_region", "bill_summary_by_pay_mode_action", "voucher_usage");
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:")) {
            for (String table : jsonTables) {
                List<TableSchema.Column> expected = TableSchema.named(tables, table).columns(connection).stream()
                        .filter(c -> !ADDED_BY_THE_LOADER.contains(c.name())).toList();
                String query = JsonStager.query(table).replace(JsonStager.FILE, Sql.literal(empty));
                List<TableSchema.Column> selected = Sql.query(connection, "DESCRIBE " + query).stream()
                        .map(row -> new TableSchema.Column(row.get(0), row.get(1))).toList();
                assertThat(selected).as(table).containsExactlyInAnyOrderElementsOf(expected);
            }
        }
    }
}
