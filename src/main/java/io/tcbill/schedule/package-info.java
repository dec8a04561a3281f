/**
 * Quartz scheduling of the monthly pulls: one durable job and cron trigger per schedule in the {@code jobs/}
 * descriptors, kept in the clustered JDBC job store so a missed fire runs on restart for its own months and two
 * instances never run a fire twice.
 * A fire only works out its months and pulls each through {@code run/}'s MonthPull, as {@code tcbill run} does;
 * failures surface as Quartz job failures.
 */
package io.tcbill.schedule;
