package io.tcbill.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TableSchemaTest {

    @Test
    void aHistoryTableHasEveryColumnOfItsTableInOrderThenItsOwn() throws Exception {
        List<TableSchema> tables = TableSchema.readAll();
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:")) {
            for (String table : List.of("bill_l3", "bill_l2", "commission_detail")) {
                List<TableSchema.Column> expected = new ArrayList<>(TableSchema.named(tables, table).columns(connection));
                expected.add(new TableSchema.Column("superseded_by_load_id", "VARCHAR"));
                expected.add(new TableSchema.Column("superseded_at", "TIMESTAMP"));
                assertThat(TableSchema.named(tables, table + "_history").columns(connection)).as(table).isEqualTo(expected);
                // and every repeated column keeps its description (the data dictionary, COMMENT ON)
                SchemaDocs docs = SchemaDocs.of(TableSchema.named(tables, table));
                assertThat(SchemaDocs.of(TableSchema.named(tables, table + "_history")).columns())
                        .containsAllEntriesOf(docs.columns()).containsKeys("superseded_by_load_id", "superseded_at");
            }
        }
    }
}
