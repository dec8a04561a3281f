package io.tcbill.load;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * What goes into an analysts' snapshot, run inside it (the snapshot is the current catalog): the tables of
 * {@code schema/}, the manifest, the views of {@code schema/views/} and the comments; then the rows of each curated
 * file, replaced per file (the rows of a month, or of a load of an append-only table) when the file changed.
 */
final class SnapshotContent {

    /** Change it when snapshots are built differently in a way the definitions below do not show: they are then rebuilt. */
    private static final String FORMAT = "tcbill snapshot 1";

    /** How many files and rows one update removed and added, for the log. */
    record Changes(int filesRemoved, int filesAdded, long rowsAdded) {

        @Override
        public String toString() {
            return filesRemoved + " files removed, " + filesAdded + " files added with " + rowsAdded + " rows";
        }
    }

    private final CuratedLayout layout;
    private final List<TableSchema> tables;
    private final List<DerivedView> views;
    private final List<String> comments;
    private final String definitions;

    /**
     * @param comments statements run once the tables and views exist, e.g. {@code COMMENT ON} from the DDL and view
     *                 files; part of the definitions' fingerprint, so a changed one rebuilds the snapshot
     */
    SnapshotContent(CuratedLayout layout, List<TableSchema> tables, List<DerivedView> views, List<String> comments) {
        this.layout = layout;
        this.tables = tables;
        this.views = views;
        this.comments = List.copyOf(comments);
        List<String> all = new ArrayList<>(List.of(FORMAT));
        tables.forEach(table -> all.add(table.ddl()));
        all.addAll(SnapshotManifest.DDL);
        views.forEach(view -> all.add(view.sql()));
        all.addAll(this.comments);
        this.definitions = sha256(String.join("\n;\n", all));
    }

    /** The fingerprint of every definition: a snapshot built with others is built anew. */
    String definitions() {
        return definitions;
    }

    /** Creates the tables, the manifest, the views, then applies the comments, in a new snapshot. */
    void create(Connection connection) throws SQLException {
        for (TableSchema table : tables) {
            Sql.execute(connection, table.ddl());
        }
        for (String sql : SnapshotManifest.DDL) {
            Sql.execute(connection, sql);
        }
        for (DerivedView view : views) {
            Sql.execute(connection, view.sql());
        }
        applyComments(connection);
    }

    /** The one place extra statements run, after every table and view exists: the comments. */
    private void applyComments(Connection connection) throws SQLException {
        for (String sql : comments) {
            Sql.execute(connection, sql);
        }
    }

    /**
     * Makes the snapshot hold {@code wanted}: the rows of each file {@code present} records that is gone or changed are
     * deleted, those of each new or changed file inserted, and the manifest follows; all in one transaction.
     */
    Changes update(Connection connection, Map<String, PublishedFile> present, Map<String, PublishedFile> wanted)
            throws SQLException {
        List<PublishedFile> removed = present.values().stream().filter(f -> !f.equals(wanted.get(f.file()))).toList();
        List<PublishedFile> added = wanted.values().stream().filter(f -> !f.equals(present.get(f.file()))).toList();
        long rows = 0;
        Sql.execute(connection, "BEGIN TRANSACTION");
        try {
            for (PublishedFile file : removed) {
                Sql.execute(connection, "DELETE FROM " + file.table() + " WHERE " + CuratedLayout.partitionRows(file.table(), file.partition()));
                SnapshotManifest.remove(connection, file);
            }
            for (PublishedFile file : added) {
                long inserted = insert(connection, file);
                SnapshotManifest.add(connection, file, inserted);
                rows += inserted;
            }
            SnapshotManifest.stamp(connection, definitions);
            Sql.execute(connection, "COMMIT");
        } catch (SQLException | RuntimeException e) {
            Sql.execute(connection, "ROLLBACK");
            throw e;
        }
        return new Changes(removed.size(), added.size(), rows);
    }

    /** Inserts a file's rows, checking they are all the partition's: a file that holds others fails, loudly. */
    private long insert(Connection connection, PublishedFile file) throws SQLException {
        String source = CuratedLayout.read(layout.root().resolve(file.file()));
        String partition = CuratedLayout.partitionRows(file.table(), file.partition());
        long foreign = Sql.queryLong(connection, "SELECT count(*) FROM " + source + " WHERE (" + partition + ") IS NOT TRUE");
        if (foreign > 0) {
            throw new LoadException(file.file() + " under " + layout.root() + " holds " + foreign + " rows outside its partition ("
                    + partition + "); the analysts' DuckDB file is not updated");
        }
        return Sql.update(connection, "INSERT INTO " + file.table() + " BY NAME SELECT * FROM " + source);
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
