/**
 * The run month: {@link io.tcbill.run.MonthPull} pulls the requested feeds of a month through the monthly job and
 * reports a {@link io.tcbill.run.MonthOutcome} (each feed's run, the month's reconciliation, a stop by shutdown); every
 * entry point (run, backfill, demo, the scheduler) calls it. Around the job it keeps run control: the runner that
 * starts, restarts or recovers an attempt, the run lock and execution owners, a clean stop on SIGTERM, the history as
 * tcbill's own {@link io.tcbill.run.RunRecord}s, backfill plans, progress, the run id in the logs and metrics.
 */
package io.tcbill.run;
