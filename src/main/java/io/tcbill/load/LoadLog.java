package io.tcbill.load;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * The append-only operational tables: one load_log row per file attempt and the file's rejected rows, each written
 * as {@code <table>/<load_id>/data.parquet}. Rows are first collected in the private DuckDB's tables of the same name.
 */
final class LoadLog {

    private final Connection connection;
    private final CuratedLayout layout;

    LoadLog(Connection connection, CuratedLayout layout) {
        this.connection = connection;
        this.layout = layout;
    }

    void add(Lineage lineage, RawInput input, FileResult result, Instant started, Instant finished) throws SQLException {
        Sql.execute(connection, "INSERT INTO load_log BY NAME SELECT " + Sql.literal(lineage.loadId()) + " AS load_id, "
                + Sql.literal(lineage.feed()) + " AS feed, " + lineage.billMonthSql() + " AS bill_month, "
                + lineage.customerUinSql() + " AS customer_uin, " + Sql.literal(result.loaded() ? "LOADED" : "FAILED")
                + " AS status, " + result.rows() + " AS row_count, " + result.rejected() + " AS rejected_count, "
                + Sql.literal(input.sha256()) + " AS raw_sha256, " + input.size() + " AS raw_size, "
                + Sql.literal(input.sourceKey()) + " AS source_key, "
                + Sql.literal(result.extraColumns().isEmpty() ? null : String.join(", ", result.extraColumns()))
                + " AS extra_columns, " + timestamp(started) + " AS started_at, " + timestamp(finished)
                + " AS finished_at, " + Sql.literal(result.error()) + " AS error");
    }

    /** Publishes the log row and the rejected rows (if any) of {@code loadId}. */
    void publish(String loadId) throws SQLException {
        String where = " WHERE load_id = " + Sql.literal(loadId);
        CuratedLayout.write(connection, "SELECT * FROM load_log" + where, layout.appendFile("load_log", loadId));
        if (Sql.queryLong(connection, "SELECT count(*) FROM rejected_rows" + where) > 0) {
            CuratedLayout.write(connection, "SELECT * FROM rejected_rows" + where + " ORDER BY source_line",
                    layout.appendFile("rejected_rows", loadId));
        }
    }

    private static String timestamp(Instant instant) {
        return "TIMESTAMP '" + instant.truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC).toLocalDateTime() + "'";
    }
}
