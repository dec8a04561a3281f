package io.tcbill.load;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where analysts' data lives and how a load may use resources.
 *
 * @param path            the DuckDB file analysts open: a snapshot of the curated Parquet files, replaced whole by each publish
 * @param curatedDir      the Parquet files the snapshot is built from (null: {@code <path's dir>/curated})
 * @param workDir         scratch space of a load: spooled raw files, staged files and DuckDB's temporary (spill)
 *                        directory, one subdirectory per database, removed when it closes (null: {@code <path's dir>/work})
 * @param memoryLimit     the memory all of tcbill's DuckDB databases may use together, e.g. {@code 2GB} (null: derived
 *                        from the container's limits, {@link DuckDbDefaults}); each gets its share ({@link DuckDbBudget})
 * @param maxRejectedRows a file with more rejected rows than this fails and is not published
 * @param lockWait        how long to wait for another publisher of the DuckDB file, or a read-write session holding it
 * @param threads         DuckDB threads per database (0: the container's CPUs, {@link DuckDbDefaults})
 * @param maxOpenDatabases DuckDB databases open at once in the process; each gets memory-limit ÷ this, one more waits
 */
@ConfigurationProperties("tcbill.duckdb")
public record DuckDbProperties(@DefaultValue("data/tcbill.duckdb") Path path, Path curatedDir, Path workDir,
                               String memoryLimit, @DefaultValue("0") long maxRejectedRows,
                               @DefaultValue("2m") Duration lockWait, @DefaultValue("0") int threads,
                               @DefaultValue("2") int maxOpenDatabases) {

    public DuckDbProperties {
        path = (path == null ? Path.of("data/tcbill.duckdb") : path).toAbsolutePath().normalize();
        curatedDir = (curatedDir == null ? path.resolveSibling("curated") : curatedDir).toAbsolutePath().normalize();
        workDir = (workDir == null ? path.resolveSibling("work") : workDir).toAbsolutePath().normalize();
        memoryLimit = memoryLimit == null || memoryLimit.isBlank() ? null : memoryLimit.strip();
        lockWait = lockWait == null ? Duration.ofMinutes(2) : lockWait;
        if (maxRejectedRows < 0) {
            throw new IllegalArgumentException("tcbill.duckdb.max-rejected-rows must be >= 0, was " + maxRejectedRows);
        }
        if (memoryLimit != null && !memoryLimit.matches("(?i)\\d+(\\.\\d+)?\\s*[KMGT]i?B")) {
            throw new IllegalArgumentException("tcbill.duckdb.memory-limit must look like 512MB or 2GB, was " + memoryLimit);
        }
        if (threads < 0 || threads > 256) {
            throw new IllegalArgumentException("tcbill.duckdb.threads must be between 0 (the container's CPUs) and 256, was " + threads);
        }
        if (maxOpenDatabases < 1 || maxOpenDatabases > 64) {
            throw new IllegalArgumentException("tcbill.duckdb.max-open-databases must be between 1 and 64, was " + maxOpenDatabases);
        }
    }

    /** The defaults for a DuckDB file at {@code path}: curated/ and work/ next to it, memory and threads derived. */
    public static DuckDbProperties at(Path path) {
        return new DuckDbProperties(path, null, null, null, 0, Duration.ofMinutes(2), 0, 2);
    }
}
