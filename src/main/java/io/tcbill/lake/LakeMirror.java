package io.tcbill.lake;

import io.tcbill.storage.ObjectStorage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * Copies a table's published month file ({@code <curatedDir>/<table>/bill_month=YYYY-MM/data.parquet}) to
 * {@code curated/<table>/bill_month=YYYY-MM/data.parquet} in the bucket. A single PUT replaces the object atomically,
 * so engines reading the lake see the old month or the new one, never a mix; a month with no file yet is skipped.
 */
@Component
public final class LakeMirror {

    static final String PREFIX = "curated/";
    private static final Logger log = LoggerFactory.getLogger(LakeMirror.class);

    private final ObjectStorage storage;

    public LakeMirror(ObjectStorage storage) {
        this.storage = storage;
    }

    /** Mirrors the month of each table; returns the keys written. */
    public List<String> publish(Path curatedDir, List<String> tables, YearMonth month) {
        return tables.stream().map(table -> publish(curatedDir, table, month)).filter(key -> key != null).toList();
    }

    private String publish(Path curatedDir, String table, YearMonth month) {
        String partition = "bill_month=" + month;
        Path file = curatedDir.resolve(table).resolve(partition).resolve("data.parquet");
        if (!Files.isRegularFile(file)) {
            return null;
        }
        String key = key(table, month);
        storage.client().putObject(b -> b.bucket(storage.bucket()).key(key).contentType("application/vnd.apache.parquet")
                .metadata(Map.of("table", table, "bill-month", month.toString())), RequestBody.fromFile(file));
        log.info("lake: {} {} → {}", table, month, key);
        return key;
    }

    public static String key(String table, YearMonth month) {
        return PREFIX + table + "/bill_month=" + month + "/data.parquet";
    }
}
