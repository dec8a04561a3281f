package io.tcbill.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.stream.Collectors;

/**
 * The batch path of {@link CsvStager}: several small CSVs of one layout staged in one DuckDB pass, with the reader
 * and projection of staging one alone, so that each file's rows are exactly those.
 */
final class CsvBatchStager {

    private static final String READ_FILE = "__tcbill_read_file";
    private static final String BATCH_FILE = "__tcbill_batch_file";
    private static final String BATCH_INDEX = "__tcbill_file_index";
    private static final String BATCH_SOURCE_KEY = "__tcbill_source_key";
    private static final String BATCH_CUSTOMER = "__tcbill_customer_uin";
    private static final String BATCH_LOAD_ID = "__tcbill_load_id";

    private final CsvStager csv;

    CsvBatchStager(CsvStager csv) {
        this.csv = csv;
    }

    /**
     * Stages several plain CSVs of one customer each and of the same layout in one DuckDB pass, as
     * {@link CsvStager#stage} would each: one read_csv over their numbered copies, each row's lineage (source_key, customer_uin, load_id) from the
     * copy it was read from, written to one staged Parquet file per CSV (PARTITION_BY), counted in one query, then each
     * file's row checks on its own file. A 200-row file's COPY cost about 60 ms whatever its size (planning the typed projection, starting
     * the reader and the writer), three quarters of staging it alone.
     *
     * <p>Only the clean case is done here: when DuckDB set any record of the batch aside, or a CSV has no row, nothing is
     * kept and null is returned, for the caller to stage each file alone with its exact rejects.
     *
     * @return one staged file per CSV, in order; null when the batch is to be staged file by file
     */
    List<StagedFile> stage(List<Path> files, FileLayout layout, List<Lineage> lineages, String tag) throws SQLException {
        Connection connection = csv.connection();
        String errors = "reject_errors_" + tag;
        String scans = "reject_scans_" + tag;
        String sources = "batch_files_" + tag;
        Path dir = csv.workDir().resolve("staged-" + tag);
        List<Path> numbered = new ArrayList<>();
        boolean done = false;
        try {
            // the batch's own names: none can be a column the CSV reader or the table has
            Sql.execute(connection, "CREATE TEMP TABLE " + sources + " (" + BATCH_FILE + " VARCHAR, " + BATCH_INDEX
                    + " INTEGER, " + BATCH_SOURCE_KEY + " VARCHAR, " + BATCH_CUSTOMER + " BIGINT, " + BATCH_LOAD_ID + " VARCHAR)");
            StringJoiner rows = new StringJoiner(", ");
            for (int i = 0; i < files.size(); i++) {
                Lineage lineage = lineages.get(i);
                if (lineage.pack() || csv.namesCustomers(lineage)) {
                    throw new IllegalArgumentException("only CSVs of one customer each are staged together");
                }
                List<Path> copies;
                try {
                    copies = NumberedCsv.write(files.get(i), csv.workDir(), "numbered-" + tag + "_" + i);
                } catch (NotUtf8Exception e) {
                    return null; // said exactly, with its line, when the file is staged alone
                }
                for (Path copy : copies) {
                    numbered.add(copy);
                    rows.add("(" + Sql.literal(copy) + ", " + i + ", " + Sql.literal(lineage.sourceKey()) + ", "
                            + lineage.customerUinSql() + ", " + Sql.literal(lineage.loadId()) + ")");
                }
            }
            Sql.execute(connection, "INSERT INTO " + sources + " VALUES " + rows);
            CsvStager.LineageSql values = new CsvStager.LineageSql(BATCH_CUSTOMER, BATCH_SOURCE_KEY, BATCH_LOAD_ID);
            Sql.execute(connection, "SET preserve_insertion_order = false");
            try {
                Sql.update(connection, "COPY (SELECT " + csv.projection(layout, lineages.get(0), values, false) + ", " + BATCH_INDEX
                        + " FROM " + csv.readCsv(numbered, layout, errors, scans, READ_FILE) + " JOIN " + sources + " ON "
                        + BATCH_FILE + " = " + READ_FILE + ") TO " + Sql.literal(dir) + " (" + CuratedLayout.PARQUET_OPTIONS
                        + ", PARTITION_BY (" + BATCH_INDEX + "))");
            } finally {
                Sql.execute(connection, "RESET preserve_insertion_order");
            }
            if (Sql.queryLong(connection, "SELECT count(*) FROM " + errors) > 0) {
                return null;
            }
            Map<Integer, Long> counts = new HashMap<>();
            for (List<String> row : Sql.query(connection, "SELECT " + BATCH_INDEX + ", count(*) FROM read_parquet("
                    + Sql.literal(dir.resolve("*").resolve("*.parquet")) + ", hive_partitioning = true) GROUP BY ALL")) {
                counts.put(Integer.valueOf(row.get(0)), Long.valueOf(row.get(1)));
            }
            List<StagedFile> staged = new ArrayList<>();
            for (int i = 0; i < files.size(); i++) {
                Path part = onlyParquet(dir.resolve(BATCH_INDEX + "=" + i));
                if (part == null) {
                    return null; // a CSV without rows
                }
                Lineage lineage = lineages.get(i);
                long count = counts.get(i);
                RowChecks.Outcome checked = new RowChecks(connection, layout, csv.columns(), csv.packCustomerColumn(), lineage, null)
                        .apply(files.get(i), part, count, tag + "_" + i);
                staged.add(StagedFile.parquet(csv.table(), lineage, Coverage.of(lineage.customerUin()), checked.rows(),
                        checked.rejected(), checked.firstReason(), layout.extraHeaders(), checked.parquet()));
            }
            done = true;
            return staged;
        } finally {
            if (!done) {
                // the files are staged again one by one, under the same load ids: no row set aside here may stay
                Sql.execute(connection, "DELETE FROM rejected_rows WHERE load_id IN (" + lineages.stream()
                        .map(lineage -> Sql.literal(lineage.loadId())).collect(Collectors.joining(", ")) + ")");
            }
            numbered.forEach(CsvStager::deleteQuietly);
            Sql.execute(connection, "DROP TABLE IF EXISTS " + sources);
            Sql.execute(connection, "DROP TABLE IF EXISTS " + errors);
            Sql.execute(connection, "DROP TABLE IF EXISTS " + scans);
        }
    }

    /** The one Parquet file DuckDB wrote in a partition folder; null when there is none (no row had that value). */
    private static Path onlyParquet(Path folder) {
        if (!Files.isDirectory(folder)) {
            return null;
        }
        try (var files = Files.list(folder)) {
            List<Path> parquet = files.filter(f -> f.getFileName().toString().endsWith(".parquet")).toList();
            if (parquet.size() != 1) {
                throw new IllegalStateException("DuckDB wrote " + parquet.size() + " files in " + folder + ", expected one");
            }
            return parquet.get(0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder, e);
        }
    }
}
