/**
 * The Parquet lake: every table's months mirrored into object storage under {@code curated/<table>/billing_period=YYYY-MM/},
 * and the SQL scripts that create the analysts' tables and views over it in DuckDB, Spark and Trino. One object per
 * table and month, replaced whole.
 */
package io.tcbill.lake;
