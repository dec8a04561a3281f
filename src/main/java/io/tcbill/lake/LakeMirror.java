package io.tcbill.lake;

import io.tcbill.load.CuratedLayout;
import io.tcbill.load.FocusProperties;
import io.tcbill.load.LakeFiles;
import io.tcbill.load.MonthLoader;
import io.tcbill.storage.ObjectStorage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * Mirrors tables' months into the lake ({@link CuratedLayout#lakeKey}:
 * {@code curated/<table>/billing_period=YYYY-MM/data.parquet}): a month table's published month file, or an
 * append-only table's rows of the month from all its load files ({@link LakeFiles}). A single PUT replaces an object
 * atomically, so engines reading the lake see the old month or the new one, never a mix; the month's object under the
 * legacy {@code bill_month=} folder is then deleted, so a glob over the table never counts the month twice. Each time,
 * every table's zero-row object ({@code billing_period=_empty}) and the views script of each engine
 * ({@code curated/_views/<engine>.sql}, {@link LakeViews}) are written too. Any failure is a
 * {@link LakeMirrorException}: the lake is never silently behind the DuckDB file.
 */
@Component
public final class LakeMirror {

    private static final Logger log = LoggerFactory.getLogger(LakeMirror.class);
    private static final String PARQUET = "application/vnd.apache.parquet";

    private final ObjectStorage storage;
    private final MonthLoader loader;
    private final LakeFiles files;
    private final FocusProperties focus;
    /** Null until the first mirror makes them. */
    private SchemaObjects schemaObjects;

    public LakeMirror(ObjectStorage storage, MonthLoader loader, FocusProperties focus) {
        this.storage = storage;
        this.loader = loader;
        this.focus = focus;
        this.files = new LakeFiles(loader.curated());
    }

    /**
     * Mirrors the month of each table (a month table without a published month file is skipped), then the zero-row
     * objects and the views scripts; returns the month keys written.
     *
     * @throws LakeMirrorException naming the table, month and key that could not be written
     */
    public List<String> publish(List<String> tables, YearMonth month) {
        Path scratch = scratch();
        try {
            List<String> keys = new ArrayList<>();
            for (String table : tables) {
                Path file = call(table, month, () -> files.monthFile(table, month, scratch.resolve(table + ".parquet")));
                if (file != null) {
                    keys.add(put(table, month, file));
                }
            }
            shareSchema(scratch);
            return keys;
        } finally {
            delete(scratch);
        }
    }

    private String put(String table, YearMonth month, Path file) {
        String key = CuratedLayout.lakeKey(table, month);
        String legacy = CuratedLayout.legacyLakeKey(table, month);
        call(table, month, () -> {
            storage.client().putObject(b -> b.bucket(storage.bucket()).key(key).contentType(PARQUET)
                    .metadata(Map.of("table", table, "bill-month", month.toString())), RequestBody.fromFile(file));
            storage.client().deleteObject(b -> b.bucket(storage.bucket()).key(legacy)); // no error when absent
            return null;
        });
        log.info("lake: {} {} → {}", table, month, key);
        return key;
    }

    /** Every table's zero-row object and each engine's views script over this bucket. */
    private void shareSchema(Path scratch) {
        try {
            SchemaObjects objects = schemaObjects(scratch);
            objects.emptyFiles().forEach((key, parquet) -> storage.client().putObject(b -> b.bucket(storage.bucket())
                    .key(key).contentType(PARQUET), RequestBody.fromBytes(parquet)));
            objects.scripts().forEach((key, script) -> storage.client().putObject(b -> b.bucket(storage.bucket()).key(key)
                    .contentType("application/sql; charset=utf-8"), RequestBody.fromString(script, StandardCharsets.UTF_8)));
        } catch (RuntimeException e) {
            throw new LakeMirrorException("cannot write the lake's zero-row files and views scripts under "
                    + CuratedLayout.LAKE_PREFIX + " in bucket " + storage.bucket() + ": " + e.getMessage(), e);
        }
    }

    /** The zero-row Parquet file of each table and each engine's views script, by key; they depend only on the build. */
    private record SchemaObjects(Map<String, byte[]> emptyFiles, Map<String, String> scripts) {
    }

    /**
     * Made on the first mirror and kept: reading the DDL into DuckDB and writing a zero-row file per table gives the same
     * result every time, and a run mirrors several times.
     */
    private synchronized SchemaObjects schemaObjects(Path scratch) {
        if (schemaObjects == null) {
            LakeViews views = LakeViews.ofSchema(focus);
            Map<String, Path> targets = new LinkedHashMap<>();
            views.tableNames().forEach(table -> targets.put(table, scratch.resolve(table + ".empty.parquet")));
            files.writeEmpty(targets);
            Map<String, byte[]> empties = new LinkedHashMap<>();
            for (String table : views.tableNames()) {
                Path empty = targets.get(table);
                try {
                    empties.put(CuratedLayout.lakeEmptyKey(table), Files.readAllBytes(empty));
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read the zero-row file of " + table + " at " + empty, e);
                }
            }
            Map<String, String> scripts = new LinkedHashMap<>();
            for (LakeViews.Engine engine : LakeViews.Engine.values()) {
                scripts.put(CuratedLayout.lakeViewsKey(engine.id()), views.script(engine, engine.defaultLocation(storage.bucket())));
            }
            schemaObjects = new SchemaObjects(Map.copyOf(empties), Map.copyOf(scripts));
        }
        return schemaObjects;
    }

    private interface Step<T> {
        T run();
    }

    private <T> T call(String table, YearMonth month, Step<T> step) {
        try {
            return step.run();
        } catch (SdkException | UncheckedIOException | io.tcbill.load.LoadException e) {
            throw new LakeMirrorException("cannot mirror " + table + " " + month + " to " + CuratedLayout.lakeKey(table, month)
                    + " in bucket " + storage.bucket() + ": " + e.getMessage(), e);
        }
    }

    private Path scratch() {
        try {
            Files.createDirectories(loader.workDir());
            return Files.createTempDirectory(loader.workDir(), "lake-");
        } catch (IOException e) {
            throw new LakeMirrorException("cannot create a scratch directory under " + loader.workDir() + ": " + e.getMessage(), e);
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a leftover scratch file is harmless and named by a random id
        }
    }
}
