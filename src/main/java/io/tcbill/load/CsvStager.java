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
 * that do not parse or cast are set aside by DuckDB's reject tables with their position and reason.
 */
final class CsvStager {

    private final Connection connection;
    private final List<Column> columns;

    CsvStager(Connection connection, List<Column> columns) {
        this.connection = connection;
        this.columns = columns;
    }

    StagedFile stage(Path file, FileLayout layout, Lineage lineage, int index) throws SQLException {
        String stage = "stage_" + index;
        String errors = "reject_errors_" + index;
        Sql.execute(connection, "CREATE TABLE " + stage + " AS SELECT " + projection(layout, lineage) + " FROM "
                + readCsv(file, layout, errors, "reject_scans_" + index));
        long rows = Sql.queryLong(connection, "SELECT count(*) FROM " + stage);
        RejectedRows rejects = new RejectedRows(connection, errors, index);
        long rejected = rejects.record(file, lineage, typeCases(layout));
        String select = "SELECT " + stage + ".* REPLACE (" + rejects.lineExpression(stage) + " AS source_line) FROM "
                + stage + rejects.lineJoin(stage);
        return new StagedFile(lineage, stage, rows, rejected, rejects.firstReason(), select);
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

    private String projection(FileLayout layout, Lineage lineage) {
        StringJoiner select = new StringJoiner(", ");
        for (Column column : columns) {
            select.add(expression(column, layout, lineage) + " AS " + Sql.identifier(column.name()));
        }
        return select.toString();
    }

    private String expression(Column column, FileLayout layout, Lineage lineage) {
        String name = Sql.identifier(column.name());
        return switch (column.name()) {
            case "bill_month" -> lineage.billMonthSql();
            case "customer_uin" -> lineage.customerUinSql();
            case "source_key" -> Sql.literal(lineage.sourceKey());
            case "source_line" -> "CAST(0 AS BIGINT)";
            case "load_id" -> Sql.literal(lineage.loadId());
            case TableSchema.EXTRA_COLUMNS -> extraColumns(layout);
            default -> !layout.fills(column.name()) ? "CAST(NULL AS " + column.type() + ")"
                    : column.type().equals("VARCHAR") ? "NULLIF(trim(" + name + "), '')" : name;
        };
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
