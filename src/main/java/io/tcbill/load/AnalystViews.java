package io.tcbill.load;

import java.io.IOException;
import io.tcbill.load.TableSchema.Column;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The DuckDB file analysts open: one view per table over its curated Parquet files, then the views of
 * {@code schema/views/} over those. The file is written (created in
 * storage version v1.4.0 so DuckDB 1.4/1.5 clients can open it) only when a view is missing or differs, which is
 * checked with a read-only attach that analysts' read-only sessions do not block.
 */
final class AnalystViews {

    private final Path database;
    private final CuratedLayout layout;
    private final List<TableSchema> tables;
    private final List<DerivedView> derived;
    private final List<SchemaDocs> docs;
    private final FileLock lock;
    /** When the database file last changed as this instance found (or made) its views current; null: not yet. */
    private volatile FileTime current;

    AnalystViews(DuckDbProperties properties, FocusProperties focus, CuratedLayout layout, List<TableSchema> tables) {
        this.database = properties.path();
        this.layout = layout;
        this.tables = tables;
        this.derived = DerivedView.readAll(focus.viewSettings());
        this.docs = SchemaDocs.readAll(tables, derived);
        this.lock = new FileLock(database, properties.lockWait(), layout.root());
    }

    void ensure() {
        if (stillCurrent()) {
            return;
        }
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:")) {
            PrivateDuckDb.configure(connection);
            writeEmptyFiles(connection);
            Map<String, String> wanted = wantedViews();
            Map<String, String> present = Files.exists(database) ? lock.withRetry(this::presentViews) : Map.of();
            Map<String, String> stale = wanted.entrySet().stream().filter(e -> !e.getValue().equals(present.get(e.getKey())))
                    .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, LinkedHashMap::new));
            boolean undescribed = Files.exists(database) && !lock.withRetry(this::describedAsWanted);
            if (!stale.isEmpty() || !Files.exists(database) || undescribed) {
                lock.withRetry(() -> createViews(stale.keySet()));
            }
            current = lastModified();
        } catch (SQLException e) {
            throw new LoadException("cannot prepare the analysts' views in " + database + ": " + e.getMessage(), e);
        }
    }

    /**
     * Nothing to check when the database file has not changed since its views were found current and every zero-row
     * file is there: a month's load adds Parquet files the views' globs already match (checking takes about 0.3 s).
     */
    private boolean stillCurrent() {
        FileTime seen = current;
        return seen != null && seen.equals(lastModified())
                && tables.stream().allMatch(table -> Files.exists(layout.emptyFile(table.name())));
    }

    private FileTime lastModified() {
        try {
            return Files.getLastModifiedTime(database);
        } catch (IOException e) {
            return null;
        }
    }

    /** Writes each table's zero-row file when it is missing or its columns differ from the DDL. */
    private void writeEmptyFiles(Connection connection) throws SQLException {
        for (TableSchema table : tables) {
            List<Column> columns = table.columns(connection);
            Path empty = layout.emptyFile(table.name());
            if (!Files.exists(empty) || !columns.equals(parquetColumns(connection, empty))) {
                CuratedLayout.write(connection, "SELECT * FROM " + table.name(), empty);
            }
        }
    }

    private static List<Column> parquetColumns(Connection connection, Path file) throws SQLException {
        return Sql.query(connection, "DESCRIBE SELECT * FROM read_parquet(" + Sql.literal(file) + ")").stream()
                .map(row -> new Column(row.get(0), row.get(1))).toList();
    }

    String viewSql(String table) {
        return "SELECT * FROM read_parquet(" + Sql.literal(layout.glob(table))
                + ", union_by_name = true, hive_partitioning = false)";
    }

    /** The view definitions as DuckDB stores them, from a scratch database, so they compare with the file's. */
    private Map<String, String> wantedViews() throws SQLException {
        try (Connection scratch = DriverManager.getConnection("jdbc:duckdb:")) {
            PrivateDuckDb.configure(scratch);
            for (TableSchema table : tables) {
                Sql.execute(scratch, "CREATE VIEW " + table.name() + " AS " + viewSql(table.name()));
            }
            for (DerivedView view : derived) {
                Sql.execute(scratch, view.sql());
            }
            return views(scratch, "current_database()");
        }
    }

    private Map<String, String> presentViews() throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:")) {
            PrivateDuckDb.configure(connection);
            Sql.execute(connection, "ATTACH " + Sql.literal(database) + " AS tcbill (READ_ONLY)");
            try {
                return views(connection, "'tcbill'");
            } finally {
                Sql.execute(connection, "DETACH tcbill");
            }
        }
    }

    private Void createViews(Set<String> names) throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:")) {
            PrivateDuckDb.configure(connection);
            Files.createDirectories(database.getParent());
            // a new file gets the old storage version; an existing file keeps its own (it cannot be lowered)
            Sql.execute(connection, "ATTACH " + Sql.literal(database) + " AS tcbill"
                    + (Files.exists(database) ? "" : " (STORAGE_VERSION 'v1.4.0')"));
            try {
                for (TableSchema table : tables) {
                    if (names.contains(table.name())) {
                        Sql.execute(connection, "CREATE OR REPLACE VIEW tcbill.main." + table.name() + " AS " + viewSql(table.name()));
                    }
                }
                // a derived view's own SQL names its tables unqualified, as analysts would: run it inside the file
                Sql.execute(connection, "USE tcbill");
                for (DerivedView view : derived) {
                    if (names.contains(view.name())) {
                        Sql.execute(connection, view.sql());
                    }
                }
                describe(connection);
            } finally {
                Sql.execute(connection, "USE memory");
                Sql.execute(connection, "DETACH tcbill");
            }
            return null;
        } catch (java.io.IOException e) {
            throw new LoadException("cannot create the directory of " + database, e);
        }
    }

    /** COMMENT ON every table, view and column, from the schema files' comments (a view created again lost its own). */
    private void describe(Connection connection) throws SQLException {
        for (String statement : SchemaDocs.commentStatements(docs, "tcbill.main.")) {
            Sql.execute(connection, statement);
        }
    }

    /** Whether the file's comments are those the schema files give (a changed description rewrites them). */
    private boolean describedAsWanted() throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:")) {
            PrivateDuckDb.configure(connection);
            Sql.execute(connection, "ATTACH " + Sql.literal(database) + " AS tcbill (READ_ONLY)");
            try {
                Map<String, String> present = SchemaDocs.present(connection, "tcbill");
                return SchemaDocs.wanted(docs).entrySet().stream()
                        .allMatch(e -> e.getValue().equals(present.get(e.getKey())));
            } finally {
                Sql.execute(connection, "DETACH tcbill");
            }
        }
    }

    private static Map<String, String> views(Connection connection, String database) throws SQLException {
        Map<String, String> views = new LinkedHashMap<>();
        for (List<String> row : Sql.query(connection, "SELECT view_name, sql FROM duckdb_views() WHERE NOT internal "
                + "AND schema_name = 'main' AND database_name = " + database)) {
            views.put(row.get(0), row.get(1));
        }
        return views;
    }
}
