/**
 * The read-only status page: a month × feed grid of the last 24 months, a page per month (files, errors and
 * reconciliation per customer, restatements), a trend of monthly totals and the same data as JSON, served by
 * {@code schedule} on the management port and by {@code serve}. It reads the run history the way {@code status} does
 * and the analysts' DuckDB file read-only (never blocking a publish); every value is HTML-escaped, and no secret,
 * signed URL or stack trace is shown.
 */
package io.tcbill.statuspage;
