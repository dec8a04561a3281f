package io.tcbill.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.YearMonth;
import java.util.UUID;

/**
 * The published Parquet files, the source of the analysts' DuckDB snapshot: {@code <table>/bill_month=YYYY-MM/data.parquet}
 * per month and {@code <table>/<load_id>/data.parquet} for append-only tables. Every file appears by an atomic move,
 * never half-written.
 * <p>
 * The lake in the bucket has one rule for every table ({@link #lakeKey}): {@code curated/<table>/billing_period=YYYY-MM/data.parquet}
 * holds all the table's rows of that bill month (for the append-only tables, the rows of all the month's load files),
 * and {@code curated/<table>/billing_period=_empty/data.parquet} holds zero rows with the DDL's columns, so a reader's
 * glob always matches and knows every column. {@code billing_period} is no column of any table: engines that read the
 * folder as a hive partition get it as an extra VARCHAR column beside the DATE {@code bill_month} of the file. The one
 * place these paths are spelled.
 */
public final class CuratedLayout {

    static final String FILE = "data.parquet";
    /** Where the lake is in the bucket. */
    public static final String LAKE_PREFIX = "curated/";
    /**
     * The lake's partition folder name, {@code billing_period=YYYY-MM}: a column engines add from the folder, named
     * unlike any data column so that it never shadows one (the DATE {@code bill_month} of each row stays a DATE).
     */
    public static final String LAKE_PARTITION = "billing_period";
    /** The partition value of the lake's zero-row file of each table. */
    public static final String LAKE_EMPTY = "_empty";
    /** The partition folder the lake used before {@link #LAKE_PARTITION}; a month's new key replaces it. */
    private static final String LEGACY_LAKE_PARTITION = "bill_month";
    /**
     * How every curated Parquet file is written: zstd level 1 rather than DuckDB's default 3 (for a 2M-row L3 month it
     * writes about 17 % faster and the file is no larger); row groups of at most 16 MB in memory, because the writer
     * holds a whole row group per thread and DuckDB's default of 122,880 rows of the wide L3 table needed more than
     * 128 MiB: a month could not be written within a small memory limit (it still spills everything else).
     */
    static final String PARQUET_OPTIONS = "FORMAT parquet, COMPRESSION zstd, COMPRESSION_LEVEL 1, ROW_GROUP_SIZE_BYTES '16MB'";

    private final Path root;

    CuratedLayout(Path root) {
        this.root = root;
    }

    public Path root() {
        return root;
    }

    /** The published month of a table: {@code <root>/<table>/bill_month=YYYY-MM/data.parquet}. */
    public Path monthFile(String table, YearMonth month) {
        return root.resolve(monthPath(table, month));
    }

    /** The key of a table's month in the lake: {@code curated/<table>/billing_period=YYYY-MM/data.parquet}. */
    public static String lakeKey(String table, YearMonth month) {
        return LAKE_PREFIX + lakePath(table, month.toString());
    }

    /** The key of a table's zero-row file in the lake: {@code curated/<table>/billing_period=_empty/data.parquet}. */
    public static String lakeEmptyKey(String table) {
        return LAKE_PREFIX + lakePath(table, LAKE_EMPTY);
    }

    /** Where a table's month was before (tcbill 0.1 up to issue 12): {@code curated/<table>/bill_month=YYYY-MM/data.parquet}. */
    public static String legacyLakeKey(String table, YearMonth month) {
        return LAKE_PREFIX + table + "/" + LEGACY_LAKE_PARTITION + "=" + month + "/" + FILE;
    }

    /** The key of the generated views script of an engine: {@code curated/_views/<engine>.sql}. */
    public static String lakeViewsKey(String engine) {
        return LAKE_PREFIX + "_views/" + engine + ".sql";
    }

    /** A table's folder in a lake at {@code location} (the URI of the bucket's {@code curated/}, no trailing slash). */
    public static String lakeTable(String location, String table) {
        return location + "/" + table;
    }

    /** The files of a table in a lake at {@code location}: every {@code billing_period=*} folder's data.parquet. */
    public static String lakeGlob(String location, String table) {
        return lakeTable(location, table) + "/" + LAKE_PARTITION + "=*/" + FILE;
    }

    private static String lakePath(String table, String period) {
        return table + "/" + LAKE_PARTITION + "=" + period + "/" + FILE;
    }

    private static String monthPath(String table, YearMonth month) {
        return table + "/bill_month=" + month + "/" + FILE;
    }

    /**
     * SQL reading one curated Parquet file as a table. Not hive-partitioned: the {@code bill_month=} folder would
     * otherwise shadow the DATE column of that name with a VARCHAR.
     */
    static String read(Path file) {
        return "read_parquet(" + Sql.literal(file) + ", hive_partitioning = false)";
    }

    Path appendFile(String table, String loadId) {
        return root.resolve(table).resolve(loadId).resolve(FILE);
    }

    /**
     * A new scratch folder under a table's directory (named {@code .scratch-…}, so never a partition and never matched
     * by {@link #glob}), for files written together before each is moved into place; removed with {@link #deleteTree}.
     */
    Path scratchDir(String table) {
        return root.resolve(table).resolve(".scratch-" + UUID.randomUUID());
    }

    /** Removes a folder and what it holds, best effort (a leftover scratch folder is never read). */
    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // best effort, as said
        }
    }

    /** Every published file of a table, for reading them all at once (the zero-row {@code _empty} file of older versions too). */
    String glob(String table) {
        return root.resolve(table).toAbsolutePath() + "/*/" + FILE;
    }

    /**
     * Whether a folder under a table's directory is a published partition: a month or a load id. Not {@code _empty}
     * (zero-row files older versions wrote for views over Parquet) nor anything else starting with {@code _} or {@code .}.
     */
    static boolean isPartition(String folder) {
        return !folder.isEmpty() && !folder.startsWith("_") && !folder.startsWith(".");
    }

    /**
     * The rows a partition folder's file holds in its table, as a SQL condition: {@code bill_month = DATE 'YYYY-MM-01'}
     * for a month folder, {@code log_file = '<folder>'} for a log table's publish ({@code load_id = '<folder>'} for one
     * written one file per load before, {@link LoadLog#folderRows}), and
     * {@code superseded_by_load_id = '<folder>'} for a table of earlier versions ({@link MonthHistory}), whose rows keep
     * the load id that first published them.
     */
    static String partitionRows(String table, String folder) {
        if (folder.startsWith("bill_month=")) {
            return "bill_month = DATE '" + YearMonth.parse(folder.substring("bill_month=".length())).atDay(1) + "'";
        }
        return MonthHistory.isHistory(table) ? MonthHistory.KEY + " = " + Sql.literal(folder) : LoadLog.folderRows(folder);
    }

    /** Writes {@code select} as Parquet ({@link #PARQUET_OPTIONS}) to a temporary file beside {@code target}, then moves it over target. */
    static void write(Connection connection, String select, Path target) throws SQLException {
        replace(target, tmp -> Sql.execute(connection, "COPY (" + select + ") TO " + Sql.literal(tmp) + " (" + PARQUET_OPTIONS + ")"));
    }

    /** Makes an already written Parquet file (with the table's columns) the target: moved beside it, then over it. */
    static void install(Path written, Path target) {
        replace(target, tmp -> Files.move(written, tmp)); // a rename on one file system, else a copy
    }

    /** Something that writes a file at the path it is given. */
    @FunctionalInterface
    private interface Writer<E extends Exception> {
        void writeTo(Path tmp) throws E, IOException;
    }

    private static <E extends Exception> void replace(Path target, Writer<E> writer) throws E {
        Path tmp = target.resolveSibling(FILE + ".tmp-" + UUID.randomUUID());
        try {
            Files.createDirectories(target.getParent());
            writer.writeTo(tmp);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot publish " + target, e);
        } finally {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException e) {
                // a stray temporary file does not match the views' glob; it only wastes space
            }
        }
    }
}
