/**
 * The Parquet lake: every published month of every curated table mirrored into object storage under hive-style keys,
 * so Trino, Spark, Athena or DuckDB can query the same data at scale. One object per table and month, replaced whole.
 */
package io.tcbill.lake;
