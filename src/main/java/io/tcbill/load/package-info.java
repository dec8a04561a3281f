/**
 * Loads raw bill CSVs, reseller packs (ZIPs of CSVs) and NDJSON API answers, each copied from the raw zone to a local
 * spool first ({@link io.tcbill.load.SpooledLoad}), into typed, month-partitioned Parquet under a curated directory
 * ({@link io.tcbill.load.CuratedLayout}, which also names their keys in the lake), reconciles L3 details against the
 * summaries, and publishes the analysts' DuckDB file as a snapshot of it all (tables filled from the Parquet files, no
 * file paths inside). A month of a table is replaced by one atomic file move, and the DuckDB file by a new copy renamed
 * over it, so readers see either wholly old or wholly new and never block a load. {@code status} reads its per-month facts (rejected rows, reconciliation) from the
 * Parquet files here too, never the DuckDB file.
 */
package io.tcbill.load;
