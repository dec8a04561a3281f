/**
 * Loads raw bill CSVs into typed, month-partitioned Parquet under a curated directory and keeps the analysts' DuckDB
 * file pointing at it through views. A month is replaced by one atomic file move, so readers see it wholly old or
 * wholly new, and a load never needs the DuckDB file's write lock unless the views themselves change.
 */
package io.tcbill.load;
