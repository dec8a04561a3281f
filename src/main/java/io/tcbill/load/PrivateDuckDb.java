package io.tcbill.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * An in-memory DuckDB used by one load: spills under its own directory of the work dir, has its share of the memory
 * budget ({@link DuckDbBudget}), and never downloads extensions (only the statically linked parquet/json/icu are used).
 */
final class PrivateDuckDb implements AutoCloseable {

    private final Connection connection;
    private final Path tempDir;

    private PrivateDuckDb(Connection connection, Path tempDir) {
        this.connection = connection;
        this.tempDir = tempDir;
    }

    static PrivateDuckDb open(DuckDbProperties properties) {
        Path tempDir = properties.workDir().resolve("duckdb-" + UUID.randomUUID());
        try {
            Files.createDirectories(tempDir);
            Connection connection = DuckDbBudget.of(properties).connect("jdbc:duckdb:", null);
            try {
                Sql.execute(connection, "SET temp_directory = " + Sql.literal(tempDir));
            } catch (SQLException e) {
                connection.close();
                throw e;
            }
            return new PrivateDuckDb(connection, tempDir);
        } catch (SQLException e) {
            throw new LoadException("cannot open an in-memory DuckDB for loading: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the DuckDB work directory " + tempDir, e);
        }
    }

    Connection connection() {
        return connection;
    }

    /** This load's own scratch directory (removed on close), e.g. for a pack's extracted CSVs. */
    Path tempDir() {
        return tempDir;
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            // nothing left to release that a failed close could still hold
        }
        try (Stream<Path> files = Files.walk(tempDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort: a leftover spill directory is harmless and named by a random id
        }
    }
}
