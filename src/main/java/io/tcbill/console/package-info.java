/**
 * What a command shows a person about a pull: a line per feed, notes, the month's reconciliation, a backfill's plan,
 * a progress bar drawn only on a terminal, and the demo's example queries with their answers. Printing only; the
 * run itself lives in {@code run/}.
 */
package io.tcbill.console;
