package io.tcbill.load;

import io.tcbill.load.TableSchema.Column;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * Reads one raw CSV into a typed staging table in one DuckDB {@code read_csv} pass: columns typed by the DDL, so rows
 * that do not parse or cast are set aside by DuckDB's reject tables with their position and reason. The staging table
 * holds the parsed fields only, in file order; the {@link StagedFile#select()} adds trimming, lineage and line numbers.
 */
final class CsvStager {

    private final Connection connection;
    private final String table;
    private final List<Column> columns;
    private final String packCustomerColumn;

    /** @param packCustomerColumn the column naming each row's customer in a pack's CSVs */
    CsvStager(Connection connection, String table, List<Column> columns, String packCustomerColumn) {
        this.connection = connection;
        this.table = table;
        this.columns = columns;
        this.packCustomerColumn = packCustomerColumn;
    }

    Connection connection() {
        return connection;
    }

    /**
     * @param tag   unique suffix of this file's private tables
     * @param entry the CSV's name inside a pack (its rows' customer_uin then comes from the pack customer column);
     *              null for a plain CSV
     */
    StagedFile stage(Path file, FileLayout layout, Lineage lineage, String tag, String entry) throws SQLException {
        String stage = "stage_" + tag;
        String errors = "reject_errors_" + tag;
        // only the parsed and cast fields are materialised, in file order (rowid numbers the lines); trimming, lineage
        // and extra_columns are computed while the month file is written, in parallel and without being stored
        Sql.execute(connection, "CREATE TABLE " + stage + " AS SELECT * FROM " + readCsv(file, layout, errors, "reject_scans_" + tag));
        long rows = Sql.queryLong(connection, "SELECT count(*) FROM " + stage);
        RejectedRows rejects = new RejectedRows(connection, errors, tag, entry);
        long rejected = rejects.record(file, lineage, typeCases(layout));
        String select = "SELECT " + projection(layout, lineage, entry != null, rejects.lineExpression(stage)) + " FROM "
                + stage + rejects.lineJoin(stage);
        Coverage coverage = entry == null ? Coverage.of(lineage.customerUin()) : Coverage.pack();
        return new StagedFile(table, lineage, coverage, rows, rejected, rejects.firstReason(), layout.extraHeaders(), select);
    }

    private String readCsv(Path file, FileLayout layout, String errors, String scans) {
        StringJoiner types = new StringJoiner(", ", "{", "}");
        for (int i = 0; i < layout.headers().size(); i++) {
            String target = layout.targets().get(i);
            types.add(Sql.literal(layout.readerName(i)) + ": " + Sql.literal(target == null ? "VARCHAR" : typeOf(target)));
        }
        return "read_csv(" + Sql.literal(file) + ", header = true, auto_detect = false, columns = " + types
                + ", delim = ',', quote = '\"', escape = '\"', encoding = 'utf-8', store_rejects = true"
                + ", rejects_table = " + Sql.literal(errors) + ", rejects_scan = " + Sql.literal(scans) + ")";
    }

    private String projection(FileLayout layout, Lineage lineage, boolean pack, String line) {
        StringJoiner select = new StringJoiner(", ");
        for (Column column : columns) {
            String expression = column.name().equals("source_line") ? line : expression(column, layout, lineage, pack);
            select.add(expression + " AS " + Sql.identifier(column.name()));
        }
        return select.toString();
    }

    private String expression(Column column, FileLayout layout, Lineage lineage, boolean pack) {
        String name = Sql.identifier(column.name());
        return switch (column.name()) {
            case "bill_month" -> lineage.billMonthSql();
            case "customer_uin" -> pack ? "CAST(" + Sql.identifier(packCustomerColumn) + " AS BIGINT)" : lineage.customerUinSql();
            case "source_key" -> Sql.literal(lineage.sourceKey());
            case "load_id" -> Sql.literal(lineage.loadId());
            case TableSchema.EXTRA_COLUMNS -> extraColumns(layout);
            default -> !layout.fills(column.name()) ? "CAST(NULL AS " + column.type() + ")"
                    : column.type().equals("VARCHAR") ? trimmed(name) : name;
        };
    }

    /**
     * {@code NULLIF(trim(x), '')}, computed only for the values that may need it: DuckDB's trim removes Unicode space
     * separators, so a value needs it only if it starts with a space or control character, ends with an ASCII space, or
     * holds any non-ASCII character. Checking this costs about half of trimming every value (measured by bench).
     */
    static String trimmed(String name) {
        return "CASE WHEN " + name + " < '!' OR " + name + " >= chr(128) OR suffix(" + name + ", ' ') OR strlen(" + name
                + ") <> length(" + name + ") THEN NULLIF(trim(" + name + "), '') ELSE " + name + " END";
    }

    private static String extraColumns(FileLayout layout) {
        List<String> pairs = new ArrayList<>();
        for (int i = 0; i < layout.headers().size(); i++) {
            if (layout.targets().get(i) == null) {
                pairs.add(Sql.literal(layout.headers().get(i)));
                pairs.add(Sql.identifier(layout.readerName(i)));
            }
        }
        return pairs.isEmpty() ? "CAST(NULL AS VARCHAR)" : "CAST(json_object(" + String.join(", ", pairs) + ") AS VARCHAR)";
    }

    /** A SQL CASE giving the DDL type of a reader column name, for reject reasons. */
    private String typeCases(FileLayout layout) {
        StringBuilder cases = new StringBuilder("CASE column_name");
        for (int i = 0; i < layout.headers().size(); i++) {
            String target = layout.targets().get(i);
            cases.append(" WHEN ").append(Sql.literal(layout.readerName(i))).append(" THEN ")
                    .append(Sql.literal(target == null ? "VARCHAR" : typeOf(target)));
        }
        return cases.append(" ELSE 'VARCHAR' END").toString();
    }

    private String typeOf(String column) {
        return columns.stream().filter(c -> c.name().equals(column)).findFirst().map(Column::type).orElseThrow(() ->
                new IllegalStateException("the mapping names column " + column + ", which the table's DDL lacks"));
    }
}
