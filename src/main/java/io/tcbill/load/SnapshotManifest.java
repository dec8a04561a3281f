package io.tcbill.load;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What an analysts' snapshot holds, kept inside it: the fingerprint of the definitions it was built with (DDL, views,
 * comments) in {@code tcbill_publication}, and one row per curated Parquet file whose rows it holds in
 * {@code tcbill_publication_file}. A file whose size or time differs from the curated one is stale.
 */
record SnapshotManifest(String definitions, Map<String, PublishedFile> files) {

    static final String PUBLICATION = "tcbill_publication";
    static final String FILES = "tcbill_publication_file";

    /** The manifest's tables, created in every new snapshot, with their comments. */
    static final List<String> DDL = List.of(
            "CREATE TABLE " + PUBLICATION + " (definitions_sha256 VARCHAR NOT NULL, published_at TIMESTAMP NOT NULL)",
            "COMMENT ON TABLE " + PUBLICATION + " IS 'tcbill: when this snapshot of the curated Parquet files was published "
                    + "(UTC) and the fingerprint of the table and view definitions it was built with. One row.'",
            "CREATE TABLE " + FILES + " (table_name VARCHAR NOT NULL, file VARCHAR NOT NULL, size_bytes BIGINT NOT NULL, "
                    + "modified_at TIMESTAMP NOT NULL, row_count BIGINT NOT NULL)",
            "COMMENT ON TABLE " + FILES + " IS 'tcbill: the curated Parquet files whose rows this snapshot holds, one row "
                    + "per file; file is relative to the curated directory, modified_at is its modification time (UTC).'",
            "COMMENT ON COLUMN " + PUBLICATION + ".definitions_sha256 IS 'SHA-256 of the DDL, view and comment statements "
                    + "the snapshot was built with; other definitions rebuild it'",
            "COMMENT ON COLUMN " + PUBLICATION + ".published_at IS 'When this snapshot was published, UTC'",
            "COMMENT ON COLUMN " + FILES + ".table_name IS 'The table holding the file''s rows'",
            "COMMENT ON COLUMN " + FILES + ".file IS 'The Parquet file, relative to the curated directory, e.g. "
                    + "bill_l3/bill_month=2026-10/data.parquet'",
            "COMMENT ON COLUMN " + FILES + ".size_bytes IS 'The file''s size in bytes when its rows were inserted'",
            "COMMENT ON COLUMN " + FILES + ".modified_at IS 'The file''s modification time when its rows were inserted, UTC'",
            "COMMENT ON COLUMN " + FILES + ".row_count IS 'Rows the file added to its table'");

    /** The manifest of the snapshot attached as {@code catalog}; empty definitions when it has none (an older file of views). */
    static SnapshotManifest read(Connection connection, String catalog) throws SQLException {
        if (Sql.queryLong(connection, "SELECT count(*) FROM duckdb_tables() WHERE database_name = " + Sql.literal(catalog)
                + " AND schema_name = 'main' AND table_name IN (" + Sql.literal(PUBLICATION) + ", " + Sql.literal(FILES) + ")") < 2) {
            return new SnapshotManifest("", Map.of());
        }
        List<List<String>> publication = Sql.query(connection, "SELECT definitions_sha256 FROM " + catalog + ".main." + PUBLICATION);
        Map<String, PublishedFile> files = new TreeMap<>();
        for (List<String> row : Sql.query(connection, "SELECT table_name, file, size_bytes, epoch_us(modified_at) FROM "
                + catalog + ".main." + FILES)) {
            files.put(row.get(1), new PublishedFile(row.get(0), row.get(1), Long.parseLong(row.get(2)), Long.parseLong(row.get(3))));
        }
        return new SnapshotManifest(publication.size() == 1 ? publication.get(0).get(0) : "", files);
    }

    /** Records {@code file} as held, with the rows it added (the snapshot is the current catalog). */
    static void add(Connection connection, PublishedFile file, long rows) throws SQLException {
        Sql.execute(connection, "INSERT INTO " + FILES + " VALUES (" + Sql.literal(file.table()) + ", " + Sql.literal(file.file())
                + ", " + file.sizeBytes() + ", make_timestamp(" + file.modifiedMicros() + "), " + rows + ")");
    }

    static void remove(Connection connection, PublishedFile file) throws SQLException {
        Sql.execute(connection, "DELETE FROM " + FILES + " WHERE file = " + Sql.literal(file.file()));
    }

    static void stamp(Connection connection, String definitions) throws SQLException {
        Sql.execute(connection, "DELETE FROM " + PUBLICATION);
        Sql.execute(connection, "INSERT INTO " + PUBLICATION + " VALUES (" + Sql.literal(definitions)
                + ", TIMESTAMP '" + LocalDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS) + "')");
    }
}
