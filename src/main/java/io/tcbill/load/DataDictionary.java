package io.tcbill.load;

import io.tcbill.load.TableSchema.Column;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code docs/data-dictionary.md}: every table and view of the analysts' DuckDB file with its columns, their DuckDB
 * types (a view's as DuckDB derives them over the DDL's tables, in a scratch in-memory database) and the descriptions
 * of {@link SchemaDocs}, the same text the file's {@code COMMENT ON}s carry.
 */
public final class DataDictionary {

    /** The command that writes the dictionary, named where it is out of date. */
    public static final String COMMAND = "tcbill dictionary --output docs/data-dictionary.md";

    private DataDictionary() {
    }

    /**
     * The dictionary as Markdown, from the schema files on the classpath.
     *
     * @throws IllegalStateException when a description names a column the table or view lacks
     */
    public static String markdown() {
        List<TableSchema> tables = TableSchema.readAll();
        List<DerivedView> views = DerivedView.readAll();
        List<SchemaDocs> docs = SchemaDocs.readAll(tables, views);
        StringBuilder out = new StringBuilder();
        out.append("# Data dictionary\n\n")
                .append("Generated from the comments of `schema/*.sql` and `schema/views/*.sql` by `").append(COMMAND)
                .append("`; edit those files, not this one (a test fails when this file is out of date). The same text is ")
                .append("the `COMMENT ON` of every table, view and column in the analysts' DuckDB file ")
                .append("(`SELECT table_name, column_name, comment FROM duckdb_columns()`).\n\n")
                .append("What the tables promise (types, lineage columns, time zones, the current load) is in ")
                .append("[table-contract.md](table-contract.md). In short: amounts are `DECIMAL(38,8)` in the row's currency; ")
                .append("Tencent's times and months are Beijing time (UTC+8) without a zone; tcbill's own timestamps ")
                .append("(`load_log.started_at`, `finished_at`, `reconciliation.checked_at`) are UTC without a zone; ")
                .append("`customer_uin` names the customer in every table.\n");
        try (Connection connection = DuckDbBudget.current().connect("jdbc:duckdb:", null)) {
            out.append("\n## Tables\n");
            for (int i = 0; i < tables.size(); i++) {
                section(out, docs.get(i), tables.get(i).columns(connection));
            }
            out.append("\n## Views\n");
            for (int i = 0; i < views.size(); i++) {
                Sql.execute(connection, views.get(i).sql());
                section(out, docs.get(tables.size() + i), viewColumns(connection, views.get(i).name()));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the schema's tables and views in a scratch DuckDB: " + e.getMessage(), e);
        }
        return out.toString();
    }

    /**
     * The view's columns as its SELECT names them: DuckDB's DESCRIBE gives an alias that differs from a table column
     * only in case (focus_1_3's {@code "Tags"} over {@code tags}) in the table column's case.
     */
    private static List<Column> viewColumns(Connection connection, String view) throws SQLException {
        List<Column> columns = new ArrayList<>();
        for (List<String> row : Sql.query(connection, "SELECT column_name, data_type FROM duckdb_columns() WHERE table_name = "
                + Sql.literal(view) + " AND schema_name = 'main' ORDER BY column_index")) {
            columns.add(new Column(row.get(0), row.get(1)));
        }
        return columns;
    }

    private static void section(StringBuilder out, SchemaDocs doc, List<Column> columns) {
        List<String> names = columns.stream().map(Column::name).toList();
        List<String> unknown = doc.columns().keySet().stream().filter(c -> !names.contains(c)).toList();
        if (!unknown.isEmpty()) {
            throw new IllegalStateException((doc.view() ? "view " : "table ") + doc.name() + " describes columns it does not have: "
                    + unknown + " (its columns: " + names + ")");
        }
        out.append("\n### ").append(doc.name()).append("\n\n").append(cell(doc.comment())).append("\n\n")
                .append("| column | type | description |\n|---|---|---|\n");
        Map<String, String> described = doc.columns();
        for (Column column : columns) {
            out.append("| `").append(column.name()).append("` | ").append(column.type()).append(" | ")
                    .append(cell(described.getOrDefault(column.name(), ""))).append(" |\n");
        }
    }

    private static String cell(String text) {
        return text.replace("|", "\\|");
    }
}
