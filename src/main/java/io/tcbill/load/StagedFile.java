package io.tcbill.load;

/**
 * One raw file read into a private staging table.
 *
 * @param rows        rows that parsed and cast cleanly
 * @param rejected    rows set aside (already in the private rejected_rows table)
 * @param firstReason the reason of the first rejected row, null when none
 * @param select      a SELECT yielding the staged rows in DDL columns, with source_line filled in
 */
record StagedFile(Lineage lineage, String stageTable, long rows, long rejected, String firstReason, String select) {
}
