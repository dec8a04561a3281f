package io.tcbill.load;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The append-only operational tables: one load_log row per file attempt and the file's rejected rows, those of one
 * publish written together as {@code <table>/publish-<first load_id>/data.parquet}. Rows are first collected in the private DuckDB's tables of the same name.
 */
final class LoadLog {

    private static final String PUBLISH_PREFIX = "publish-";
    private static final String COLUMNS = "load_id, feed, bill_month, customer_uin, status, row_count, rejected_count,"
            + " raw_sha256, raw_size, source_key, extra_columns, started_at, finished_at, error";

    private final Connection connection;
    private final CuratedLayout layout;
    private final List<String> pending = new ArrayList<>();

    LoadLog(Connection connection, CuratedLayout layout) {
        this.connection = connection;
        this.layout = layout;
    }

    /**
     * Adds the log row of one file attempt; rows are inserted together when published ({@link #flush}): one INSERT each
     * took 4 of the 9 s a 2,000-customer month spent publishing.
     */
    void add(Lineage lineage, RawInput input, FileResult result, Instant started, Instant finished) {
        pending.add("(" + Sql.literal(lineage.loadId()) + ", " + Sql.literal(lineage.feed()) + ", " + lineage.billMonthSql()
                + ", " + lineage.customerUinSql() + ", " + Sql.literal(result.loaded() ? "LOADED" : "FAILED") + ", "
                + result.rows() + ", " + result.rejected() + ", " + Sql.literal(input.sha256()) + ", " + input.size() + ", "
                + Sql.literal(input.sourceKey()) + ", "
                + Sql.literal(result.extraColumns().isEmpty() ? null : String.join(", ", result.extraColumns())) + ", "
                + timestamp(started) + ", " + timestamp(finished) + ", " + Sql.literal(result.error()) + ")");
    }

    /** Inserts the rows added so far into the private load_log table, a thousand per statement. */
    private void flush() throws SQLException {
        for (int from = 0; from < pending.size(); from += 1000) {
            Sql.execute(connection, "INSERT INTO load_log (" + COLUMNS + ") VALUES "
                    + String.join(", ", pending.subList(from, Math.min(pending.size(), from + 1000))));
        }
        pending.clear();
    }

    /**
     * Publishes the log rows and the rejected rows (if any) of {@code loadIds} together: one file per table in the folder
     * {@link #publishFolder} names after the first of them, each row's {@code log_file} naming that folder. A file per
     * load made a month of 2,000 customers' files 2,000 log files, each read again by every analysts' snapshot (9 s of a
     * 2,000-customer month's publish), by every lake mirror and by {@code status}.
     */
    void publish(List<String> loadIds) throws SQLException {
        flush();
        if (loadIds.isEmpty()) {
            return;
        }
        String folder = publishFolder(loadIds.stream().sorted().findFirst().orElseThrow());
        String in = loadIds.stream().map(Sql::literal).collect(Collectors.joining(", ", " WHERE load_id IN (", ")"));
        write("load_log", "SELECT * REPLACE (" + Sql.literal(folder) + " AS log_file) FROM load_log" + in
                + " ORDER BY load_id", folder);
        if (Sql.queryLong(connection, "SELECT count(*) FROM rejected_rows" + in) > 0) {
            write("rejected_rows", "SELECT * REPLACE (" + Sql.literal(folder) + " AS log_file) FROM rejected_rows" + in
                    + " ORDER BY load_id, source_line", folder);
        }
    }

    /** The folder of one publish's log files; files written one per load before are in a folder named by the load id. */
    static String publishFolder(String firstLoadId) {
        return PUBLISH_PREFIX + firstLoadId;
    }

    /**
     * The rows of a log table's file in {@code folder}: those whose {@code log_file} names it, or for a file of the
     * layout before (one per load, no {@code log_file} column) those of the load it is named after.
     */
    static String folderRows(String folder) {
        return folder.startsWith(PUBLISH_PREFIX) ? "log_file = " + Sql.literal(folder) : "load_id = " + Sql.literal(folder);
    }

    private void write(String table, String select, String folder) throws SQLException {
        CuratedLayout.write(connection, select, layout.appendFile(table, folder));
    }

    private static String timestamp(Instant instant) {
        return "TIMESTAMP '" + instant.truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC).toLocalDateTime() + "'";
    }
}
