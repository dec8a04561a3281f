package io.tcbill.load;

import io.tcbill.load.TableSchema.Column;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import java.util.stream.Collectors;

/**
 * Reads one raw CSV into a staged Parquet file in one parallel DuckDB pass: the CSV is first copied with each record's
 * physical line in front of it ({@link NumberedCsv}), then {@code read_csv} types the columns by the DDL (rows that do
 * not parse or cast are set aside by DuckDB's reject tables, their line read from that first column) and the rows,
 * trimmed and with their lineage, are written as the table's columns. DuckDB numbers nothing in a parallel scan, so
 * without the numbered copy the rows would have to be staged in file order and written again (measured by bench: the
 * load took about 1.7 times DuckDB's bare read_csv that way, against about 1.1 times this way). Ids are read as text
 * and converted strictly ({@link RowChecks#strictId}); the {@link RowChecks} then scan only the checked columns of the
 * staged file, and only a file with rows to set aside is read again.
 */
final class CsvStager {

    private final Connection connection;
    private final String table;
    private final List<Column> columns;
    private final String packCustomerColumn;
    private final String customerColumn;
    private final Path workDir;

    /**
     * @param packCustomerColumn the column naming each row's customer in a pack's CSVs
     * @param customerColumn     the column naming each row's customer in a plain CSV that covers every customer (the
     *                           commission file); null: a plain CSV's rows are those of the customer it was requested for
     * @param workDir            where the numbered copy and the staged Parquet file are written
     */
    CsvStager(Connection connection, String table, List<Column> columns, String packCustomerColumn, String customerColumn,
              Path workDir) {
        this.connection = connection;
        this.table = table;
        this.columns = columns;
        this.packCustomerColumn = packCustomerColumn;
        this.customerColumn = customerColumn;
        this.workDir = workDir;
    }

    Connection connection() {
        return connection;
    }

    String table() {
        return table;
    }

    List<Column> columns() {
        return columns;
    }

    String packCustomerColumn() {
        return packCustomerColumn;
    }

    /** Where the numbered copies and the staged Parquet files are written. */
    Path workDir() {
        return workDir;
    }

    /**
     * @param tag   unique suffix of this file's private tables and files
     * @param entry the CSV's name inside a pack (its rows' customer_uin then comes from the pack customer column);
     *              null for a plain CSV
     */
    StagedFile stage(Path file, FileLayout layout, Lineage lineage, String tag, String entry) throws SQLException {
        String errors = "reject_errors_" + tag;
        List<Path> numbered = List.of();
        long rows;
        Path staged = workDir.resolve("staged-" + tag + ".parquet");
        try {
            try {
                numbered = NumberedCsv.write(file, workDir, "numbered-" + tag);
            } catch (NotUtf8Exception e) {
                throw new RawFileException(e.describe(lineage.sourceKey() + (entry == null ? "" : " entry " + entry), file,
                        layout.headers()));
            }
            // rows carry their source_line, so the staged file's row order need not follow the CSV: parallel, less memory
            Sql.execute(connection, "SET preserve_insertion_order = false");
            try {
                rows = Sql.update(connection, "COPY (SELECT " + projection(layout, lineage, LineageSql.of(lineage), entry != null) + " FROM "
                        + readCsv(numbered, layout, errors, "reject_scans_" + tag) + ") TO " + Sql.literal(staged)
                        + " (" + CuratedLayout.PARQUET_OPTIONS + ")");
            } finally {
                Sql.execute(connection, "RESET preserve_insertion_order");
            }
        } finally {
            numbered.forEach(CsvStager::deleteQuietly);
        }
        RejectedRows rejects = new RejectedRows(connection, errors, tag, entry);
        long rejected = rejects.record(lineage, typeCases(layout));
        RowChecks.Outcome checked = new RowChecks(connection, layout, columns, packCustomerColumn, lineage, entry)
                .apply(file, staged, rows, tag);
        String firstReason = checked.firstLine() < rejects.firstLine() ? checked.firstReason() : rejects.firstReason();
        Coverage coverage = entry != null ? Coverage.pack() : namesCustomers(lineage) ? Coverage.wholeMonth()
                : Coverage.of(lineage.customerUin());
        return StagedFile.parquet(table, lineage, coverage, checked.rows(), rejected + checked.rejected(), firstReason,
                layout.extraHeaders(), checked.parquet());
    }

    /** How a staged row's lineage columns are written: literals of one file, or the columns of the batch's file list. */
    record LineageSql(String customerUin, String sourceKey, String loadId) {
        static LineageSql of(Lineage lineage) {
            return new LineageSql(lineage.customerUinSql(), Sql.literal(lineage.sourceKey()), Sql.literal(lineage.loadId()));
        }
    }

    private String readCsv(List<Path> files, FileLayout layout, String errors, String scans) {
        return readCsv(files, layout, errors, scans, null);
    }

    /** @param filenameColumn a column of each row's file name to add; null for none */
    String readCsv(List<Path> files, FileLayout layout, String errors, String scans, String filenameColumn) {
        StringJoiner types = new StringJoiner(", ", "{", "}");
        types.add(Sql.literal(NumberedCsv.LINE_COLUMN) + ": 'BIGINT'");
        for (int i = 0; i < layout.headers().size(); i++) {
            String target = layout.targets().get(i);
            types.add(Sql.literal(layout.readerName(i)) + ": " + Sql.literal(readType(target)));
        }
        String list = files.stream().map(Sql::literal).collect(Collectors.joining(", ", "[", "]"));
        return "read_csv(" + list + ", header = true, auto_detect = false, columns = " + types
                + ", delim = ',', quote = '\"', escape = '\"', new_line = '\\n', encoding = 'utf-8', store_rejects = true"
                + ", rejects_table = " + Sql.literal(errors) + ", rejects_scan = " + Sql.literal(scans)
                + (filenameColumn == null ? "" : ", filename = " + Sql.literal(filenameColumn)) + ")";
    }

    /** Every DDL column, cast to its DDL type, so the staged file has the month file's exact schema. */
    String projection(FileLayout layout, Lineage lineage, LineageSql values, boolean pack) {
        StringJoiner select = new StringJoiner(", ");
        for (Column column : columns) {
            String expression = column.name().equals("source_line") ? Sql.identifier(NumberedCsv.LINE_COLUMN)
                    : expression(column, layout, lineage, values, pack);
            select.add("CAST(" + expression + " AS " + column.type() + ") AS " + Sql.identifier(column.name()));
        }
        return select.toString();
    }

    private String expression(Column column, FileLayout layout, Lineage lineage, LineageSql values, boolean pack) {
        String name = Sql.identifier(column.name());
        return switch (column.name()) {
            case "bill_month" -> lineage.billMonthSql();
            case "customer_uin" -> pack ? RowChecks.strictId(Sql.identifier(packCustomerColumn))
                    : namesCustomers(lineage) ? customerOfRow(layout, lineage) : values.customerUin();
            case "source_key" -> values.sourceKey();
            case "load_id" -> values.loadId();
            case TableSchema.EXTRA_COLUMNS -> extraColumns(layout);
            case TagColumns.COLUMN -> TagColumns.json(layout);
            default -> !layout.fills(column.name()) ? "CAST(NULL AS " + column.type() + ")"
                    : column.type().equals("VARCHAR") ? trimmed(name)
                    : column.type().equals("BIGINT") ? RowChecks.strictId(name)
                    : column.type().equals(RowChecks.AMOUNT_TYPE) ? RowChecks.strictAmount(name) : name;
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

    /** The file is the feed's one file of every customer, whose rows each name their customer. */
    boolean namesCustomers(Lineage lineage) {
        return customerColumn != null && lineage.customerUin() == null && !lineage.pack();
    }

    /** The row's customer column, an id read strictly (a value that is not one is rejected by the id check). */
    private String customerOfRow(FileLayout layout, Lineage lineage) {
        if (!layout.fills(customerColumn)) {
            throw new SchemaMismatchException("file " + lineage.sourceKey() + ": the column " + customerColumn
                    + " naming each row's customer (the feed's customer-column) is missing; headers found: " + layout.headers());
        }
        return RowChecks.strictId(Sql.identifier(customerColumn));
    }

    private static String extraColumns(FileLayout layout) {
        List<String> pairs = new ArrayList<>();
        for (int i = 0; i < layout.headers().size(); i++) {
            if (layout.isExtra(i)) {
                pairs.add(Sql.literal(layout.headers().get(i)));
                pairs.add(Sql.identifier(layout.readerName(i)));
            }
        }
        return pairs.isEmpty() ? "CAST(NULL AS VARCHAR)" : "CAST(json_object(" + String.join(", ", pairs) + ") AS VARCHAR)";
    }

    /** Deletes a scratch file; one left behind goes with the load's work directory. */
    static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // the work directory is removed with the load's private DuckDB anyway
        }
    }

    /** A SQL CASE giving the DDL type of a reader column name, for reject reasons. */
    private String typeCases(FileLayout layout) {
        StringBuilder cases = new StringBuilder("CASE column_name WHEN " + Sql.literal(NumberedCsv.LINE_COLUMN) + " THEN 'BIGINT'");
        for (int i = 0; i < layout.headers().size(); i++) {
            String target = layout.targets().get(i);
            cases.append(" WHEN ").append(Sql.literal(layout.readerName(i))).append(" THEN ")
                    .append(Sql.literal(readType(target)));
        }
        return cases.append(" ELSE 'VARCHAR' END").toString();
    }

    /**
     * How read_csv reads a column: as its DDL type, but ids (BIGINT) and amounts (DECIMAL) as text, converted strictly
     * by the projection.
     */
    private String readType(String target) {
        String type = target == null ? "VARCHAR" : typeOf(target);
        return type.equals("BIGINT") || type.equals(RowChecks.AMOUNT_TYPE) ? "VARCHAR" : type;
    }

    private String typeOf(String column) {
        return columns.stream().filter(c -> c.name().equals(column)).findFirst().map(Column::type).orElseThrow(() ->
                new IllegalStateException("the mapping names column " + column + ", which the table's DDL lacks"));
    }
}
