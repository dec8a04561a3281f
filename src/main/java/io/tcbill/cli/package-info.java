/**
 * The {@code tcbill} command line: run, backfill, status, demo, schedule, simulate and bench, each with {@code --help},
 * and their argument parsing. Commands validate their arguments before any Spring context starts, call {@code run/}
 * (or {@code bench/}, the simulator, the scheduler), print, and end with a documented exit code ({@link
 * io.tcbill.cli.ExitCodes}).
 */
package io.tcbill.cli;
