package io.tcbill.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

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
        publish(List.of(loadId));
    }

    /**
     * Publishes the log rows and the rejected rows (if any) of {@code loadIds}, each load's still in a file of its own
     * ({@code <table>/<load_id>/data.parquet}), written in one DuckDB pass per table (partitioned by load id into a
     * scratch folder, then each file moved into place): a month of 2,000 customers' files wrote 2,000 files one COPY at a
     * time.
     */
    void publish(List<String> loadIds) throws SQLException {
        if (loadIds.isEmpty()) {
            return;
        }
        String in = loadIds.stream().map(Sql::literal).collect(Collectors.joining(", ", " WHERE load_id IN (", ")"));
        write("load_log", "SELECT * FROM load_log" + in);
        if (Sql.queryLong(connection, "SELECT count(*) FROM rejected_rows" + in) > 0) {
            write("rejected_rows", "SELECT * FROM rejected_rows" + in + " ORDER BY load_id, source_line");
        }
    }

    private void write(String table, String select) throws SQLException {
        Path scratch = layout.scratchDir(table);
        try {
            Files.createDirectories(scratch.getParent());
            Sql.execute(connection, "COPY (" + select + ") TO " + Sql.literal(scratch) + " (" + CuratedLayout.PARQUET_OPTIONS
                    + ", PARTITION_BY (load_id), WRITE_PARTITION_COLUMNS true)");
            try (Stream<Path> folders = Files.list(scratch)) {
                for (Path folder : folders.toList()) {
                    String loadId = folder.getFileName().toString().substring("load_id=".length());
                    try (Stream<Path> files = Files.list(folder)) {
                        List<Path> written = files.toList();
                        if (written.size() != 1) {
                            throw new IllegalStateException(table + " of load " + loadId + ": DuckDB wrote " + written.size()
                                    + " files, expected one");
                        }
                        CuratedLayout.install(written.get(0), layout.appendFile(table, loadId));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot publish " + table + " under " + scratch.getParent(), e);
        } finally {
            CuratedLayout.deleteTree(scratch);
        }
    }

    private static String timestamp(Instant instant) {
        return "TIMESTAMP '" + instant.truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC).toLocalDateTime() + "'";
    }
}
