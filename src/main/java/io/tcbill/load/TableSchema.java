package io.tcbill.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * One table of the analyst contract, as declared by a {@code schema/NNN_<table>.sql} file on the classpath. Loaders
 * fill the lineage columns a table declares (CSV tables have all of bill_month, customer_uin, source_key, source_line,
 * load_id and extra_columns; JSON tables lack source_line and extra_columns) and leave out those it does not.
 * A line {@code -- @columns-of <table>} inside a CREATE TABLE stands for every column line of that table (a table of
 * earlier versions, {@code <table>_history}, repeats its table's columns this way and so never drifts from it).
 */
record TableSchema(int order, String name, String ddl) {

    /** A column and its DuckDB type as DuckDB reports it (e.g. {@code DECIMAL(38,8)}). */
    record Column(String name, String type) {
    }

    static final String EXTRA_COLUMNS = "extra_columns";

    private static final Pattern FILE = Pattern.compile("(\\d+)_.*\\.sql");
    private static final Pattern TABLE = Pattern.compile("(?i)CREATE\\s+TABLE\\s+IF\\s+NOT\\s+EXISTS\\s+(\\w+)");
    private static final Pattern COLUMNS_OF = Pattern.compile("(?m)^[ \\t]*--[ \\t]*@columns-of[ \\t]+(\\w+)[ \\t]*$");
    /** A column line: the definition, then an optional {@code -- description}. */
    private static final Pattern COLUMN_LINE = Pattern.compile("^(\\s*[^-\\s][^-]*?)(,?)(\\s*--.*)?$");

    /** Every {@code schema/NNN_*.sql} on the classpath, in number order. */
    static List<TableSchema> readAll() {
        try {
            List<TableSchema> tables = new ArrayList<>();
            for (Resource resource : new PathMatchingResourcePatternResolver().getResources("classpath*:schema/*.sql")) {
                Matcher file = FILE.matcher(String.valueOf(resource.getFilename()));
                if (!file.matches()) {
                    continue;
                }
                String ddl = resource.getContentAsString(StandardCharsets.UTF_8);
                Matcher table = TABLE.matcher(ddl);
                if (!table.find()) {
                    throw new IllegalStateException(resource.getFilename() + " has no 'CREATE TABLE IF NOT EXISTS <name>'");
                }
                tables.add(new TableSchema(Integer.parseInt(file.group(1)), table.group(1).toLowerCase(), ddl));
            }
            if (tables.isEmpty()) {
                throw new IllegalStateException("no schema/NNN_<table>.sql files on the classpath");
            }
            tables.sort(Comparator.comparingInt(TableSchema::order));
            return List.copyOf(tables.stream().map(t -> t.expand(tables)).toList());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the DDL files under schema/", e);
        }
    }

    /** This table with each {@code -- @columns-of <table>} line replaced by that table's column lines, each ending in a comma. */
    private TableSchema expand(List<TableSchema> all) {
        Matcher marker = COLUMNS_OF.matcher(ddl);
        StringBuilder expanded = new StringBuilder();
        while (marker.find()) {
            TableSchema of = all.stream().filter(t -> t.name().equals(marker.group(1).toLowerCase())).findFirst()
                    .orElseThrow(() -> new IllegalStateException("schema/" + name + ": '-- @columns-of " + marker.group(1)
                            + "' names no table of schema/"));
            if (COLUMNS_OF.matcher(of.ddl()).find()) {
                throw new IllegalStateException("schema/" + name + ": " + of.name() + " has an @columns-of line itself");
            }
            marker.appendReplacement(expanded, Matcher.quoteReplacement(String.join("\n", of.columnLines())));
        }
        marker.appendTail(expanded);
        return new TableSchema(order, name, expanded.toString());
    }

    /** The column lines between {@code CREATE TABLE ... (} and {@code )}, each with a comma after its definition. */
    private List<String> columnLines() {
        List<String> lines = ddl.lines().toList();
        int create = 0;
        while (create < lines.size() && !TABLE.matcher(lines.get(create)).find()) {
            create++;
        }
        List<String> columns = new ArrayList<>();
        for (int i = create + 1; i < lines.size() && !lines.get(i).strip().startsWith(")"); i++) {
            String line = lines.get(i);
            Matcher column = COLUMN_LINE.matcher(line);
            if (line.isBlank() || line.strip().startsWith("--")) {
                continue;
            }
            if (!column.matches()) {
                throw new IllegalStateException("schema/" + name + ": cannot repeat the column line '" + line.strip()
                        + "' in a table that names it with @columns-of");
            }
            columns.add(column.group(1) + "," + (column.group(3) == null ? "" : column.group(3)));
        }
        return columns;
    }

    static TableSchema named(List<TableSchema> tables, String name) {
        return tables.stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow(() ->
                new IllegalStateException("no schema/NNN_" + name + ".sql on the classpath for table " + name));
    }

    /** Creates the table in {@code connection} (if missing) and returns its columns in DDL order. */
    List<Column> columns(Connection connection) throws SQLException {
        Sql.execute(connection, ddl);
        List<Column> columns = new ArrayList<>();
        for (List<String> row : Sql.query(connection, "SELECT column_name, data_type FROM duckdb_columns() "
                + "WHERE table_name = " + Sql.literal(name) + " AND database_name = current_database() "
                + "AND schema_name = 'main' ORDER BY column_index")) {
            columns.add(new Column(row.get(0), row.get(1)));
        }
        return columns;
    }
}
