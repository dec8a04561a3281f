package io.tcbill.load;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The descriptions of every table, view and column, read from the one place they are written: the {@code --} lines
 * above {@code CREATE TABLE} and at the end of each column line of {@code schema/NNN_<table>.sql}, and the header lines
 * ({@code -- @column <name> <description>} for each output column) of {@code schema/views/<name>.sql}. They become
 * {@code COMMENT ON} statements in the analysts' DuckDB file and the data dictionary ({@link DataDictionary}).
 *
 * @param name    the table or view
 * @param view    true for a view of {@code schema/views/}
 * @param comment what the table or view holds
 * @param columns each column's description, in file order
 */
record SchemaDocs(String name, boolean view, String comment, Map<String, String> columns) {

    private static final Pattern CREATE_TABLE = Pattern.compile("(?i)^\\s*CREATE\\s+TABLE\\b.*\\(\\s*$");
    private static final Pattern COLUMN_LINE = Pattern.compile("^\\s*(\"[^\"]+\"|\\w+)\\s+[^-]+?(?:--\\s*(.*?))?\\s*$");
    private static final Pattern VIEW_COLUMN = Pattern.compile("^--\\s*@column\\s+(\"[^\"]+\"|\\S+)\\s+(.+?)\\s*$");

    SchemaDocs {
        columns = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(columns));
    }

    /** Every table, then every view, as the files describe them. */
    static List<SchemaDocs> readAll(List<TableSchema> tables, List<DerivedView> views) {
        List<SchemaDocs> docs = new ArrayList<>();
        tables.forEach(table -> docs.add(of(table)));
        views.forEach(view -> docs.add(of(view)));
        return List.copyOf(docs);
    }

    /**
     * A table's description: the comment lines directly above CREATE TABLE, and each column line's {@code -- text}.
     *
     * @throws IllegalStateException naming the file and column when a column line has no description
     */
    static SchemaDocs of(TableSchema table) {
        String file = "schema/" + String.format("%03d", table.order()) + "_" + table.name() + ".sql";
        List<String> lines = table.ddl().lines().toList();
        int create = -1;
        for (int i = 0; i < lines.size() && create < 0; i++) {
            if (CREATE_TABLE.matcher(lines.get(i)).matches()) {
                create = i;
            }
        }
        if (create < 0) {
            throw new IllegalStateException(file + ": no 'CREATE TABLE ... (' line ending in its opening parenthesis");
        }
        List<String> header = new ArrayList<>();
        for (int i = create - 1; i >= 0 && lines.get(i).strip().startsWith("--"); i--) {
            header.add(0, text(lines.get(i)));
        }
        Map<String, String> columns = new LinkedHashMap<>();
        for (int i = create + 1; i < lines.size() && !lines.get(i).strip().startsWith(")"); i++) {
            String line = lines.get(i);
            if (line.isBlank() || line.strip().startsWith("--")) {
                continue;
            }
            Matcher column = COLUMN_LINE.matcher(line);
            if (!column.matches() || column.group(2) == null || column.group(2).isBlank()) {
                throw new IllegalStateException(file + " line " + (i + 1) + ": a column line must end with '-- <description>'"
                        + " (schema/README.md): " + line.strip());
            }
            columns.put(unquote(column.group(1)), column.group(2));
        }
        return new SchemaDocs(table.name(), false, described(file, header), columns);
    }

    /** A view's description: its header comment lines before CREATE, {@code -- @column} lines naming each column. */
    static SchemaDocs of(DerivedView view) {
        String file = "schema/views/" + view.file();
        List<String> header = new ArrayList<>();
        Map<String, String> columns = new LinkedHashMap<>();
        for (String line : view.sql().lines().toList()) {
            String stripped = line.strip();
            if (!stripped.startsWith("--")) {
                if (stripped.isEmpty()) {
                    continue;
                }
                break;
            }
            Matcher column = VIEW_COLUMN.matcher(stripped);
            if (column.matches()) {
                if (columns.put(unquote(column.group(1)), column.group(2)) != null) {
                    throw new IllegalStateException(file + ": column " + column.group(1) + " is described twice");
                }
            } else if (stripped.matches("--\\s*@column\\b.*")) {
                throw new IllegalStateException(file + ": '" + stripped + "' is not '-- @column <name> <description>'");
            } else {
                header.add(text(line));
            }
        }
        return new SchemaDocs(view.name(), true, described(file, header), columns);
    }

    /**
     * The {@code COMMENT ON} statements for every table, view and column of {@code docs}, their names qualified by
     * {@code qualifier} (e.g. {@code tcbill.main.}, or empty). A table of {@code schema/} gets {@code COMMENT ON TABLE},
     * which DuckDB applies to a table or a view of that name alike.
     */
    static List<String> commentStatements(List<SchemaDocs> docs, String qualifier) {
        List<String> statements = new ArrayList<>();
        for (SchemaDocs doc : docs) {
            String name = qualifier + Sql.identifier(doc.name());
            statements.add("COMMENT ON " + (doc.view() ? "VIEW " : "TABLE ") + name + " IS " + Sql.literal(doc.comment()));
            doc.columns().forEach((column, text) ->
                    statements.add("COMMENT ON COLUMN " + name + "." + Sql.identifier(column) + " IS " + Sql.literal(text)));
        }
        return statements;
    }

    /** What the catalog should hold: {@code name} → comment, {@code name.column} → comment. */
    static Map<String, String> wanted(List<SchemaDocs> docs) {
        Map<String, String> wanted = new LinkedHashMap<>();
        for (SchemaDocs doc : docs) {
            wanted.put(doc.name(), doc.comment());
            doc.columns().forEach((column, text) -> wanted.put(doc.name() + "." + column, text));
        }
        return wanted;
    }

    /** The comments {@code database}'s main schema holds, keyed as {@link #wanted}; a missing comment is absent. */
    static Map<String, String> present(Connection connection, String database) throws SQLException {
        Map<String, String> present = new LinkedHashMap<>();
        String where = " WHERE database_name = " + Sql.literal(database) + " AND schema_name = 'main' AND comment IS NOT NULL";
        for (List<String> row : Sql.query(connection, "SELECT table_name, comment FROM duckdb_tables()" + where
                + " UNION ALL SELECT view_name, comment FROM duckdb_views()" + where + " AND NOT internal"
                + " UNION ALL SELECT table_name || '.' || column_name, comment FROM duckdb_columns()" + where)) {
            present.put(row.get(0), row.get(1));
        }
        return present;
    }

    private static String described(String file, List<String> header) {
        String comment = String.join(" ", header).strip();
        if (comment.isEmpty()) {
            throw new IllegalStateException(file + ": no comment lines describe it above its CREATE (schema/README.md)");
        }
        return comment;
    }

    private static String text(String commentLine) {
        return commentLine.strip().replaceFirst("^--\\s?", "").strip();
    }

    private static String unquote(String name) {
        return name.startsWith("\"") ? name.substring(1, name.length() - 1) : name;
    }
}
