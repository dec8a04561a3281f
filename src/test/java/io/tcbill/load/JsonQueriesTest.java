package io.tcbill.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

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

    @Test
    void everyJsonTableDeclaresTheShapeOfTheAnswersItReads() {
        for (String table : FeedCatalog.load().all().stream().filter(f -> f.format() == Feed.Format.JSON)
                .flatMap(f -> f.tables().stream()).toList()) {
            String query = JsonStager.query(table);
            AnswerShape shape = AnswerShape.parse(table, query);
            assertThat(shape.answers()).as(table).anySatisfy(answer -> {
                assertThat(query).contains("r.action = '" + answer.action() + "'");
                assertThat(answer.fields()).isNotEmpty();
            });
        }
    }

    @Test
    void aShapeDeclarationThatCannotBeCheckedFailsNamingTheFileAndLine() {
        assertThatIllegalStateException().isThrownBy(() -> AnswerShape.parse("t", "-- @answer A once\n-- @field X[*].Y text\nSELECT 1"))
                .withMessage("schema/json/t.sql: X must be declared array on an earlier line: -- @field X[*].Y text");
        assertThatIllegalStateException().isThrownBy(() -> AnswerShape.parse("t", "-- @answer A once\n-- @field Y float\nSELECT 1"))
                .withMessageStartingWith("schema/json/t.sql: expected '-- @answer <Action> once|some|any'");
        assertThatIllegalStateException().isThrownBy(() -> AnswerShape.parse("t", "-- a comment\nSELECT 1"))
                .withMessage("schema/json/t.sql declares no '-- @answer' shape");
    }
}
