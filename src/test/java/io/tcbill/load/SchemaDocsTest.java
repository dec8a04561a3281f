package io.tcbill.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SchemaDocsTest {

    @Test
    void everyTableOfSchemaDescribesItselfAndEachColumnLine() {
        for (TableSchema table : TableSchema.readAll()) {
            SchemaDocs docs = SchemaDocs.of(table);
            long columnLines = table.ddl().lines().filter(l -> l.matches("^\\s{4}\\w+ [A-Z].*")).count();
            assertThat(docs.columns()).as(table.name()).hasSize((int) columnLines);
            assertThat(docs.comment()).as(table.name()).isNotBlank().doesNotStartWith("--");
        }
    }

    @Test
    void aTableCommentIsTheLinesAboveCreateAndAColumnsIsTheTextAfterItsDashes() {
        SchemaDocs docs = SchemaDocs.of(new TableSchema(99, "t", """
                -- First line,
                -- second line.
                CREATE TABLE IF NOT EXISTS t (
                    a DECIMAL(38,8),        -- Amount in currency, tax excluded
                    "B c" VARCHAR NOT NULL  -- The customer's name
                );
                """));

        assertThat(docs.comment()).isEqualTo("First line, second line.");
        assertThat(docs.columns()).containsExactly(Map.entry("a", "Amount in currency, tax excluded"),
                Map.entry("B c", "The customer's name"));
        assertThat(SchemaDocs.commentStatements(List.of(docs), "db.main.")).containsExactly(
                "COMMENT ON TABLE db.main.\"t\" IS 'First line, second line.'",
                "COMMENT ON COLUMN db.main.\"t\".\"a\" IS 'Amount in currency, tax excluded'",
                "COMMENT ON COLUMN db.main.\"t\".\"B c\" IS 'The customer''s name'");
    }

    @Test
    void aColumnLineWithoutADescriptionFailsNamingTheFileAndLine() {
        TableSchema table = new TableSchema(7, "t", "-- T.\nCREATE TABLE IF NOT EXISTS t (\n    a BIGINT,  -- A\n    b BIGINT\n);\n");

        assertThatThrownBy(() -> SchemaDocs.of(table)).hasMessage(
                "schema/007_t.sql line 4: a column line must end with '-- <description>' (schema/README.md): b BIGINT");
    }

    @Test
    void aViewsHeaderIsItsCommentAndItsColumnLinesDescribeItsColumns() {
        SchemaDocs docs = SchemaDocs.of(new DerivedView("v.sql", "v", """
                -- Cost per month.
                -- @column bill_month First day of the month (Beijing time)
                -- @column "BilledCost" What was billed
                -- Second line of the comment.
                CREATE OR REPLACE VIEW v AS SELECT 1;
                -- @column not_a_header below CREATE
                """));

        assertThat(docs.view()).isTrue();
        assertThat(docs.comment()).isEqualTo("Cost per month. Second line of the comment.");
        assertThat(docs.columns()).containsExactly(Map.entry("bill_month", "First day of the month (Beijing time)"),
                Map.entry("BilledCost", "What was billed"));
        assertThat(SchemaDocs.commentStatements(List.of(docs), "")).first().isEqualTo("COMMENT ON VIEW \"v\" IS 'Cost per month. Second line of the comment.'");
    }

    @Test
    void aMalformedColumnLineOrAViewWithoutCommentFails() {
        assertThatThrownBy(() -> SchemaDocs.of(new DerivedView("v.sql", "v", "-- V.\n-- @column\nCREATE OR REPLACE VIEW v AS SELECT 1;")))
                .hasMessageContaining("schema/views/v.sql: '-- @column' is not '-- @column <name> <description>'");
        assertThatThrownBy(() -> SchemaDocs.of(new DerivedView("v.sql", "v", "CREATE OR REPLACE VIEW v AS SELECT 1;")))
                .hasMessageContaining("schema/views/v.sql: no comment lines describe it");
    }
}
