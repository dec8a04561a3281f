/**
 * The run month: {@link io.tcbill.run.MonthPull} pulls the requested feeds of a month through the monthly job and
 * reports a {@link io.tcbill.run.MonthOutcome} (each feed's run, the month's reconciliation, a stop by shutdown); every
 * entry point (run, backfill, demo, the scheduler) calls it.
 */
package io.tcbill.run;
