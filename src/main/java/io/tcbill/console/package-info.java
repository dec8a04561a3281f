/**
 * What an interactive command shows about a pull: a line per feed, the month's reconciliation, notes and a progress bar
 * drawn only when a person watches. Printing only; the run itself lives in {@code run/}.
 */
package io.tcbill.console;
