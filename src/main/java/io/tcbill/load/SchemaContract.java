package io.tcbill.load;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The analyst contract as other stages read it: every table of {@code schema/NNN_<table>.sql} with its columns and
 * their exact DuckDB types, in DDL order (as DuckDB parses the DDL, so a column's comment never changes its type), and
 * every derived view of {@code schema/views/}, in file-name order.
 */
public final class SchemaContract {

    /** A column and its DuckDB type as DuckDB reports it, e.g. {@code DECIMAL(38,8)}. */
    public record Column(String name, String type) {
    }

    public record Table(String name, List<Column> columns) {
    }

    /** A derived view: its file name, its name and its SQL ({@code CREATE OR REPLACE VIEW <name> AS ...;}). */
    public record View(String file, String name, String sql) {
    }

    private SchemaContract() {
    }

    /** Every table, in number order. */
    public static List<Table> tables() {
        try (Connection connection = DuckDbBudget.current().connect("jdbc:duckdb:", null)) {
            List<Table> tables = new ArrayList<>();
            for (TableSchema table : TableSchema.readAll()) {
                tables.add(new Table(table.name(), table.columns(connection).stream()
                        .map(c -> new Column(c.name(), c.type())).toList()));
            }
            return List.copyOf(tables);
        } catch (SQLException e) {
            throw new LoadException("cannot read the DDL of schema/ in DuckDB: " + e.getMessage(), e);
        }
    }

    /** Every derived view with the default FOCUS settings, in file-name order (a view reads the tables and the views of earlier files). */
    public static List<View> views() {
        return views(FocusProperties.defaults());
    }

    /** Every derived view as the analysts' file has it under these FOCUS settings (perspective, invoice issuer). */
    public static List<View> views(FocusProperties focus) {
        return DerivedView.readAll(focus.viewSettings()).stream().map(v -> new View(v.file(), v.name(), v.sql())).toList();
    }
}
