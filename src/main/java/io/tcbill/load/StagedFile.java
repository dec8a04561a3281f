package io.tcbill.load;

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
 */
record StagedFile(String table, Lineage lineage, Coverage coverage, long rows, long rejected, String firstReason,
                  List<String> extraColumns, String select) {

    StagedFile {
        extraColumns = List.copyOf(extraColumns);
    }
}
