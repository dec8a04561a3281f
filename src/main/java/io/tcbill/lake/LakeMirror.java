package io.tcbill.lake;

import io.tcbill.load.CuratedLayout;
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
 * Copies a table's published month file ({@link CuratedLayout#monthFile}) to its key in the bucket
 * ({@link CuratedLayout#lakeKey}: {@code curated/<table>/bill_month=YYYY-MM/data.parquet}). A single PUT replaces the object atomically,
 * so engines reading the lake see the old month or the new one, never a mix; a month with no file yet is skipped.
 */
@Component
public final class LakeMirror {

    private static final Logger log = LoggerFactory.getLogger(LakeMirror.class);

    private final ObjectStorage storage;

    public LakeMirror(ObjectStorage storage) {
        this.storage = storage;
    }

    /** Mirrors the month of each table; returns the keys written. */
    public List<String> publish(CuratedLayout curated, List<String> tables, YearMonth month) {
        return tables.stream().map(table -> publish(curated, table, month)).filter(key -> key != null).toList();
    }

    private String publish(CuratedLayout curated, String table, YearMonth month) {
        Path file = curated.monthFile(table, month);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        String key = CuratedLayout.lakeKey(table, month);
        storage.client().putObject(b -> b.bucket(storage.bucket()).key(key).contentType("application/vnd.apache.parquet")
                .metadata(Map.of("table", table, "bill-month", month.toString())), RequestBody.fromFile(file));
        log.info("lake: {} {} → {}", table, month, key);
        return key;
    }
}
