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
 * @param workDir         scratch space for DuckDB spill files during a load (null: {@code <path's dir>/work})
 * @param memoryLimit     DuckDB {@code memory_limit} of a load, e.g. {@code 2GB}
 * @param maxRejectedRows a file with more rejected rows than this fails and is not published
 * @param lockWait        how long to wait for another publisher of the DuckDB file, or a read-write session holding it
 */
@ConfigurationProperties("tcbill.duckdb")
public record DuckDbProperties(@DefaultValue("data/tcbill.duckdb") Path path, Path curatedDir, Path workDir,
                               @DefaultValue("2GB") String memoryLimit, @DefaultValue("0") long maxRejectedRows,
                               @DefaultValue("2m") Duration lockWait) {

    public DuckDbProperties {
        path = (path == null ? Path.of("data/tcbill.duckdb") : path).toAbsolutePath().normalize();
        curatedDir = (curatedDir == null ? path.resolveSibling("curated") : curatedDir).toAbsolutePath().normalize();
        workDir = (workDir == null ? path.resolveSibling("work") : workDir).toAbsolutePath().normalize();
        memoryLimit = memoryLimit == null || memoryLimit.isBlank() ? "2GB" : memoryLimit;
        lockWait = lockWait == null ? Duration.ofMinutes(2) : lockWait;
        if (maxRejectedRows < 0) {
            throw new IllegalArgumentException("tcbill.duckdb.max-rejected-rows must be >= 0, was " + maxRejectedRows);
        }
        if (!memoryLimit.matches("(?i)\\d+(\\.\\d+)?\\s*[KMGT]i?B")) {
            throw new IllegalArgumentException("tcbill.duckdb.memory-limit must look like 512MB or 2GB, was " + memoryLimit);
        }
    }

    /** The defaults for a DuckDB file at {@code path}: curated/ and work/ next to it. */
    public static DuckDbProperties at(Path path) {
        return new DuckDbProperties(path, null, null, "2GB", 0, Duration.ofMinutes(2));
    }
}
