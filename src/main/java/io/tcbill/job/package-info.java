/**
 * Spring Batch wiring only: the monthly bills job for a month and feed (list the month's customers, archive every
 * file, load and publish, mirror to the lake, check that every file loaded and arrived, reconcile), its tasklets,
 * partitioner, parameters and step exceptions, and
 * {@link io.tcbill.job.MonthlyBillsJob}, the one place the job and step names are spelled. Starting, restarting and
 * guarding runs is {@code run/}'s; the work itself lives in the stage packages (a tasklet reads its step's context,
 * calls one stage service such as {@link io.tcbill.transfer.FeedArchiver} or {@link io.tcbill.load.SpooledLoad}, and
 * writes the step's context).
 */
package io.tcbill.job;
