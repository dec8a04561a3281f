package io.tcbill.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The DuckDB file analysts open, a materialized snapshot of the curated Parquet files: a real table per
 * {@code schema/NNN_*.sql} holding every published file's rows, the views of {@code schema/views/} over them and a
 * manifest of the files it holds ({@link SnapshotManifest}), no file path in any definition, so the file answers from
 * any working directory and on any machine it is copied to. It is never written in place: a publisher copies it beside
 * itself, applies only what changed, checkpoints and closes the copy and renames it over the file, so a reader keeps
 * the snapshot it opened (never blocked, never half a month) and a new session sees the complete new one.
 */
final class AnalystSnapshot {

    private static final Logger log = LoggerFactory.getLogger(AnalystSnapshot.class);

    private final DuckDbProperties properties;
    private final Path database;
    private final CuratedLayout layout;
    private final List<TableSchema> tables;
    private final SnapshotContent content;
    private final FileLock lock;
    /** The file and the curated files as this instance last found them current; null: not yet. */
    private volatile Seen current;

    private record Seen(Object file, Map<String, PublishedFile> files) {
    }

    AnalystSnapshot(DuckDbProperties properties, FocusProperties focus, CuratedLayout layout, List<TableSchema> tables) {
        this.properties = properties;
        this.database = properties.path();
        this.layout = layout;
        this.tables = tables;
        List<DerivedView> views = DerivedView.readAll(focus.viewSettings());
        // every table, view and column described, from the same schema files as docs/data-dictionary.md
        List<String> comments = SchemaDocs.commentStatements(SchemaDocs.readAll(tables, views), "tcbill.main.");
        this.content = new SnapshotContent(layout, tables, views, comments);
        this.lock = new FileLock(database, properties.lockWait(), layout.root());
    }

    /**
     * Brings the snapshot up to date with the curated files, creating it when missing. Idempotent; when neither the
     * file nor the curated files changed since this instance last looked it only lists the curated directories.
     *
     * @throws LoadException when the snapshot cannot be read or published (the Parquet files are published already)
     */
    void ensure() {
        Map<String, PublishedFile> files = PublishedFile.scan(layout, tables);
        Seen seen = current;
        if (seen != null && seen.files().equals(files) && Objects.equals(seen.file(), fileKey())) {
            return;
        }
        try {
            if (!isCurrent(files)) {
                lock.exclusive(this::publish);
            }
        } catch (SQLException e) {
            throw new LoadException("cannot publish the analysts' DuckDB file " + database + ": " + e.getMessage()
                    + "; the data is already published as Parquet under " + layout.root(), e);
        }
    }

    /** Whether the file holds exactly {@code files} with today's definitions (notes it as seen if so). */
    private boolean isCurrent(Map<String, PublishedFile> files) throws SQLException {
        Object before = fileKey();
        SnapshotManifest present = lock.withRetry(this::readManifest);
        boolean upToDate = present != null && present.definitions().equals(content.definitions())
                && present.files().equals(files);
        if (upToDate && Objects.equals(before, fileKey())) {
            current = new Seen(before, files);
        }
        return upToDate;
    }

    /**
     * The manifest of the current file, read through a read-only attach (which readers never block); null when there is
     * no file, or a stale {@code .wal} beside it (left by an in-place writer of older versions: not opened, rebuilt).
     */
    private SnapshotManifest readManifest() throws SQLException {
        if (!Files.exists(database) || Files.exists(wal(database))) {
            return null;
        }
        try (PrivateDuckDb db = PrivateDuckDb.open(properties)) {
            Connection connection = db.connection();
            Sql.execute(connection, "ATTACH " + Sql.literal(database) + " AS tcbill (READ_ONLY)");
            try {
                return SnapshotManifest.read(connection, "tcbill");
            } finally {
                Sql.execute(connection, "DETACH tcbill");
            }
        }
    }

    /** Under the publishers' lock: builds the next snapshot beside the file from the curated files as they are now, then swaps. */
    private Void publish() throws SQLException {
        removeLeftovers();
        Map<String, PublishedFile> files = PublishedFile.scan(layout, tables);
        if (isCurrent(files)) {
            return null; // another publisher got there first
        }
        SnapshotManifest present = lock.withRetry(this::readManifest);
        boolean fresh = present == null || !present.definitions().equals(content.definitions());
        Path next = database.resolveSibling(database.getFileName() + ".tmp-" + UUID.randomUUID());
        long started = System.nanoTime();
        try {
            Files.createDirectories(database.getParent());
            if (!fresh) {
                Files.copy(database, next, StandardCopyOption.COPY_ATTRIBUTES);
            }
            SnapshotContent.Changes changes;
            try (PrivateDuckDb db = PrivateDuckDb.open(properties)) {
                Connection connection = db.connection();
                // analysts order what they read; letting DuckDB insert a file's rows in any order is faster and leaner
                Sql.execute(connection, "SET preserve_insertion_order = false");
                // a new file gets the storage version DuckDB 1.4/1.5 clients read; a copy keeps the one it has
                Sql.execute(connection, "ATTACH " + Sql.literal(next) + " AS tcbill" + (fresh ? " (STORAGE_VERSION 'v1.4.0')" : ""));
                Sql.execute(connection, "USE tcbill");
                if (fresh) {
                    content.create(connection);
                }
                changes = content.update(connection, fresh ? Map.of() : present.files(), files);
                Sql.execute(connection, "USE memory");
                Sql.execute(connection, "CHECKPOINT tcbill");
                Sql.execute(connection, "DETACH tcbill");
            }
            if (Files.exists(wal(next))) {
                throw new LoadException("the new snapshot " + next + " kept a write-ahead log after its checkpoint; not published");
            }
            // a stale .wal belongs to the file being replaced: gone first, so no new session replays it onto the new file
            Files.deleteIfExists(wal(database));
            Files.move(next, database, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            current = new Seen(fileKey(), files);
            log.info("published the analysts' DuckDB file {} ({}{}) in {} ms", database, fresh ? "built anew, " : "",
                    changes, (System.nanoTime() - started) / 1_000_000);
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot publish the analysts' DuckDB file " + database + " through " + next, e);
        } finally {
            deleteQuietly(next);
            deleteQuietly(wal(next));
        }
    }

    /** Snapshots a crashed publisher left beside the file (this one holds the publishers' lock, so none is in use). */
    private void removeLeftovers() {
        String prefix = database.getFileName() + ".tmp-";
        try (Stream<Path> siblings = Files.list(database.getParent())) {
            siblings.filter(p -> p.getFileName().toString().startsWith(prefix)).forEach(AnalystSnapshot::deleteQuietly);
        } catch (IOException e) {
            // no directory yet, or unlistable: publishing will say so
        }
    }

    /** What identifies the file's current version: it changes with every swap (a new inode) or write. */
    private Object fileKey() {
        try {
            BasicFileAttributes attributes = Files.readAttributes(database, BasicFileAttributes.class);
            return List.of(String.valueOf(attributes.fileKey()), attributes.lastModifiedTime(), attributes.size());
        } catch (IOException e) {
            return null;
        }
    }

    private static Path wal(Path file) {
        return file.resolveSibling(file.getFileName() + ".wal");
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.warn("cannot delete the leftover {}: {}", file, e.getMessage());
        }
    }
}
