/**
 * Loads raw bill CSVs, reseller packs (ZIPs of CSVs) and NDJSON API answers, each copied from the raw zone to a local
 * spool first ({@link io.tcbill.load.SpooledLoad}), into typed, month-partitioned Parquet under a curated directory
 * ({@link io.tcbill.load.CuratedLayout}, which also names their keys in the lake), reconciles L3 details against the
 * summaries, and keeps the analysts' DuckDB file pointing at it all through views. A month of a table is replaced by
 * one atomic file move, so readers see it wholly old or wholly new, and a load never needs the DuckDB file's write lock
 * unless the views themselves change. {@code status} reads its per-month facts (rejected rows, reconciliation) from the
 * Parquet files here too, never the DuckDB file.
 */
package io.tcbill.load;
