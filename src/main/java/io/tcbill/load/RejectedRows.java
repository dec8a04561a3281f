package io.tcbill.load;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * Turns DuckDB's reject table of one {@code read_csv} scan into rows of the private {@code rejected_rows} table, one
 * per rejected record, with its exact physical line in the file, and says how to number the staged rows' lines.
 *
 * <p>DuckDB reports a record's line counting each record as one line and a byte offset that may point at the
 * preceding line break, so the physical line is found by scanning the file up to that offset. Staged rows get line
 * {@code ordinal + 2}, shifted past every rejected record before them and re-anchored on its physical line; a quoted
 * value spanning lines, or a blank line, since the last rejected record is not counted for the rows after it.
 */
final class RejectedRows {

    static final int RAW_LINE_MAX = 10_000;

    private final Connection connection;
    private final String errors;
    private final String index;
    private final String entry;
    private long rejected;
    private String firstReason;

    /**
     * @param index suffix of this scan's private tables
     * @param entry the CSV's name inside a pack, named in every reason; null for a plain CSV
     */
    RejectedRows(Connection connection, String errors, String index, String entry) {
        this.connection = connection;
        this.errors = errors;
        this.index = index;
        this.entry = entry;
    }

    /** Copies the rejects into rejected_rows and returns how many records were rejected. */
    long record(Path file, Lineage lineage, String typeOfColumn) throws SQLException {
        String rejects = "rejects_" + index;
        // a row's structural error (field count, quoting) explains it better than the cast errors it causes
        String castReason = "'column ' || column_name || ': cannot read ''' || regexp_extract(error_message, "
                + "'Could not convert string \"(.*)\" to ', 1) || ''' as ' || " + typeOfColumn;
        Sql.execute(connection, "CREATE TABLE " + rejects + " AS SELECT line, min(line_byte_position) AS byte_position, "
                + "arg_min(CASE WHEN error_type = 'CAST' THEN " + castReason
                + " ELSE lower(CAST(error_type AS VARCHAR)) || ': ' || error_message END, "
                + "[CAST(error_type = 'CAST' AS BIGINT), byte_position]) AS reason, "
                + "arg_min(trim(csv_line, chr(13) || chr(10)), byte_position) AS raw_line FROM " + errors
                + " GROUP BY line");
        rejected = Sql.queryLong(connection, "SELECT count(*) FROM " + rejects);
        if (rejected == 0) {
            return 0;
        }
        String lines = "reject_lines_" + index;
        Sql.execute(connection, "CREATE TABLE " + lines + " (line BIGINT, physical_line BIGINT)");
        List<List<String>> positions = Sql.query(connection,
                "SELECT line, byte_position FROM " + rejects + " ORDER BY byte_position");
        appendPhysicalLines(file, positions, lines);
        Sql.execute(connection, "INSERT INTO rejected_rows BY NAME SELECT " + Sql.literal(lineage.loadId()) + " AS load_id, "
                + Sql.literal(lineage.feed()) + " AS feed, " + lineage.billMonthSql() + " AS bill_month, "
                + lineage.customerUinSql() + " AS customer_uin, " + Sql.literal(lineage.sourceKey()) + " AS source_key, "
                + "physical_line AS source_line, " + Sql.literal(entry == null ? "" : "entry " + entry + ": ")
                + " || reason AS reason, left(raw_line, " + RAW_LINE_MAX + ") AS raw_line FROM "
                + rejects + " JOIN " + lines + " USING (line) ORDER BY physical_line");
        firstReason = Sql.query(connection, "SELECT " + Sql.literal(entry == null ? "" : "entry " + entry + ", ")
                + " || 'line ' || physical_line || ': ' || reason FROM " + rejects + " JOIN " + lines
                + " USING (line) ORDER BY physical_line LIMIT 1").get(0).get(0);
        // g: staged rows before the j-th rejected record; off: its physical line minus DuckDB's line, plus the extra
        // lines the record itself spans
        Sql.execute(connection, "CREATE TABLE anchors_" + index + " AS SELECT g, max(j) AS cnt, arg_max(off, j) AS off FROM ("
                + "SELECT line - 1 - row_number() OVER (ORDER BY line) AS g, row_number() OVER (ORDER BY line) AS j, "
                + "physical_line - line + length(raw_line) - length(replace(raw_line, chr(10), '')) AS off FROM "
                + rejects + " JOIN " + lines + " USING (line)) GROUP BY g");
        return rejected;
    }

    String firstReason() {
        return firstReason;
    }

    String lineExpression(String stage) {
        return rejected == 0 ? stage + ".rowid + 2"
                : stage + ".rowid + 2 + coalesce(a.cnt, 0) + coalesce(a.off, 0)";
    }

    String lineJoin(String stage) {
        return rejected == 0 ? "" : " ASOF LEFT JOIN anchors_" + index + " a ON " + stage + ".rowid >= a.g";
    }

    /** One pass over the file up to the last rejected record: the first line start at or after offset - 1 not blank. */
    private void appendPhysicalLines(Path file, List<List<String>> positions, String table) throws SQLException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
             DuckDBAppender appender = ((DuckDBConnection) connection).createAppender(DuckDBConnection.DEFAULT_SCHEMA, table)) {
            long position = 0;
            long newlines = 0;
            int previous = '\n';
            int current = in.read();
            for (List<String> reject : positions) {
                long target = Math.max(0, Long.parseLong(reject.get(1)) - 1);
                while (current != -1 && (position < target || previous != '\n' || current == '\n' || current == '\r')) {
                    if (current == '\n') {
                        newlines++;
                    }
                    previous = current;
                    current = in.read();
                    position++;
                }
                appender.beginRow();
                appender.append(Long.parseLong(reject.get(0)));
                appender.append(newlines + 1);
                appender.endRow();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot re-read " + file + " to locate its rejected rows", e);
        }
    }
}
