/**
 * The measurements behind {@code tcbill bench}: fan-out against the documented rate limits, archiving against a plain
 * copy, loading against DuckDB's own read_csv, and one large month end to end, each as a ratio to a baseline taken in
 * the same run. Figures are printed, never asserted.
 */
package io.tcbill.bench;
