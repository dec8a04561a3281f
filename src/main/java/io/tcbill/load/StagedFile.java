package io.tcbill.load;

import java.nio.file.Path;
import java.util.List;

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
}
