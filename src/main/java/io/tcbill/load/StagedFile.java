package io.tcbill.load;

import java.nio.file.Path;
import java.util.List;
import java.util.StringJoiner;
import java.util.stream.Collectors;

/**
 * One raw file (or one CSV of a pack, or one table of a JSON file) read into a private staging table.
 *
 * @param table        the table the rows are for
 * @param coverage     the rows of the month they replace
 * @param rows         rows that parsed and cast cleanly
 * @param rejected     rows set aside (already in the private rejected_rows table)
 * @param firstReason  the reason of the first rejected row, null when none
 * @param extraColumns headers the mapping does not know
 * @param select       a SELECT yielding the staged rows in DDL columns, with source_line filled in
 * @param parquet      the staged rows as a Parquet file with the table's exact columns, which can become the month
 *                     file as it is; null when the rows are staged in a table
 */
record StagedFile(String table, Lineage lineage, Coverage coverage, long rows, long rejected, String firstReason,
                  List<String> extraColumns, String select, Path parquet) {

    StagedFile {
        extraColumns = List.copyOf(extraColumns);
    }

    /** A file whose rows were staged as the Parquet file {@code parquet}. */
    static StagedFile parquet(String table, Lineage lineage, Coverage coverage, long rows, long rejected,
                              String firstReason, List<String> extraColumns, Path parquet) {
        return new StagedFile(table, lineage, coverage, rows, rejected, firstReason, extraColumns,
                "SELECT * FROM read_parquet(" + Sql.literal(parquet) + ")", parquet);
    }

    /**
     * A query of all the files' staged rows: the staged Parquet files in one scan of them all, the others (staging
     * tables) added by name. One scan streams in bounded memory; a UNION of thousands of scans (a reseller month of
     * small files) kept every scan's buffers at once and ran out of DuckDB's memory limit when the month was published.
     */
    static String allRows(List<StagedFile> files) {
        StringJoiner parts = new StringJoiner(" UNION ALL BY NAME ");
        List<Path> parquet = files.stream().map(StagedFile::parquet).filter(p -> p != null).toList();
        if (!parquet.isEmpty()) {
            parts.add("(SELECT * FROM read_parquet(" + parquet.stream().map(Sql::literal)
                    .collect(Collectors.joining(", ", "[", "]")) + ", union_by_name = true, hive_partitioning = false))");
        }
        files.stream().filter(f -> f.parquet() == null).forEach(f -> parts.add("(" + f.select() + ")"));
        return parts.toString();
    }
}
