package io.tcbill.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import io.tcbill.feed.Feed;
import io.tcbill.run.FeedRun;
import io.tcbill.run.Reconciliation;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.quartz.Job;
import org.quartz.JobDetail;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.quartz.impl.JobExecutionContextImpl;
import org.quartz.spi.OperableTrigger;
import org.quartz.spi.TriggerFiredBundle;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.scheduling.quartz.SpringBeanJobFactory;

class FeedPullJobTest {

    private static final ZoneId SINGAPORE = ZoneId.of("Asia/Singapore");
    private static final Feed.Schedule RESTATEMENT =
            new Feed.Schedule("l2-restatement", "0 0 1 5 * ?", "Asia/Singapore", List.of(1, 2));

    @Test
    void pullsTheMonthsCountedBackFromTheScheduledFireTimeInTheScheduleZone() throws Exception {
        // given a fire scheduled for 2026-11-05 01:00 in Singapore (still 2026-11-04 in UTC), months back [1, 2]
        RecordingLauncher launcher = new RecordingLauncher();
        JobExecutionContext fire = fire("l2", RESTATEMENT, ZonedDateTime.of(2026, 11, 5, 1, 0, 0, 0, SINGAPORE));

        // when
        new FeedPullJob(launcher).execute(fire);

        // then October and September, in that order
        assertThat(launcher.launches()).extracting(RecordingLauncher.Launch::feed, RecordingLauncher.Launch::month)
                .containsExactly(tuple("l2", YearMonth.of(2026, 10)),
                        tuple("l2", YearMonth.of(2026, 9)));
    }

    @Test
    void theMonthIsTakenInTheScheduleZoneNotInUtc() throws Exception {
        // given 2026-11-01 00:30 in Singapore, which is 2026-10-31 16:30 UTC
        Feed.Schedule firstOfMonth = new Feed.Schedule("l3", "0 30 0 1 * ?", "Asia/Singapore", List.of(1));
        RecordingLauncher launcher = new RecordingLauncher();

        // when
        new FeedPullJob(launcher).execute(fire("l3", firstOfMonth, ZonedDateTime.of(2026, 11, 1, 0, 30, 0, 0, SINGAPORE)));

        // then the previous month of November in Singapore, not of October in UTC
        assertThat(launcher.launches()).extracting(RecordingLauncher.Launch::month).containsExactly(YearMonth.of(2026, 10));
    }

    @Test
    void aCatchUpLeavesToALaterMissedFireTheMonthsThatFirePullsToo() {
        // given the restatement (10th, months back 1 and 2) missed on 2026-11-10 and 2026-12-10, caught up on 2026-12-20:
        // the November fire ran, so the trigger's next fire is the December one, also overdue
        OperableTrigger trigger = (OperableTrigger) FeedTriggers.trigger(new Feed.Schedule("l3-restatement",
                "0 0 3 10 * ?", "Asia/Singapore", List.of(1, 2))).getTriggerBuilder()
                .startAt(Date.from(ZonedDateTime.of(2026, 11, 11, 0, 0, 0, 0, SINGAPORE).toInstant())).build();
        trigger.computeFirstFireTime(null);
        Date caughtUp = Date.from(ZonedDateTime.of(2026, 12, 20, 9, 0, 0, 0, SINGAPORE).toInstant());

        // when
        var later = FeedPullJob.laterMissedMonths(trigger, caughtUp, List.of(1, 2), SINGAPORE);

        // then November and October are the December fire's; the November fire keeps only September
        assertThat(later).containsExactlyInAnyOrder(YearMonth.of(2026, 11), YearMonth.of(2026, 10));
    }

    @Test
    void aFailedMonthIsSurfacedAsAJobFailureAfterTheOtherMonthsRan() throws Exception {
        // given October fails (files did not arrive) and September succeeds
        RecordingLauncher launcher = new RecordingLauncher((month, feed) -> month.getMonthValue() == 10
                ? new FeedRun(feed, month, false, 12, 0, "customers 200001 did not deliver their files", 0)
                : new FeedRun(feed, month, true, 13, 40, null, 0));

        // when
        JobExecutionException failure = catchThrowableOfType(JobExecutionException.class, () -> new FeedPullJob(launcher)
                .execute(fire("l2", RESTATEMENT, ZonedDateTime.of(2026, 11, 10, 3, 0, 0, 0, SINGAPORE))));

        // then both months were tried, and the failure names schedule, feed, month and reason; no immediate refire
        assertThat(launcher.launches()).hasSize(2);
        assertThat(failure).isNotNull();
        assertThat(failure.getMessage()).isEqualTo("schedule l2-restatement (feed l2) failed for 2026-10: customers"
                + " 200001 did not deliver their files");
        assertThat(failure.refireImmediately()).isFalse();
    }

    @Test
    void aShutdownStopsTheFireWithoutFailingItOrStartingTheNextMonth() throws Exception {
        // given a shutdown stops the first month's run (SIGTERM while it downloads)
        RecordingLauncher launcher = new RecordingLauncher((month, feed) ->
                FeedRun.stopped(feed, month, 14, 0, "stopped by a shutdown signal", 3));

        // when the restatement fire (two months) runs
        new FeedPullJob(launcher).execute(fire("l2", RESTATEMENT, ZonedDateTime.of(2026, 11, 10, 3, 0, 0, 0, SINGAPORE)));

        // then the second month is left to the next fire or run, and the fire is no failure (no exception)
        assertThat(launcher.launches()).extracting(RecordingLauncher.Launch::month).containsExactly(YearMonth.of(2026, 10));
    }

    @Test
    void aMonthThatLoadsButDoesNotReconcileFailsTheFireNamingTheCustomerAndAmounts() throws Exception {
        // given the summaries of October load, but one customer's L3 details disagree with them
        Reconciliation mismatch = new Reconciliation(YearMonth.of(2026, 10), Reconciliation.State.UNRECONCILED, 3, 1, 1,
                List.of("customer 200002: UNRECONCILED, L3 total 10.00000000 vs summary 15.00000000 (largest difference 5.00000000)"));
        RecordingLauncher launcher = new RecordingLauncher((month, feed) ->
                new FeedRun(feed, month, true, 21, 75, null, 0, mismatch));
        Feed.Schedule summaries = new Feed.Schedule("summaries", "0 0 4 10 * ?", "Asia/Singapore", List.of(1));

        // when
        JobExecutionException failure = catchThrowableOfType(JobExecutionException.class, () -> new FeedPullJob(launcher)
                .execute(fire("summaries", summaries, ZonedDateTime.of(2026, 11, 10, 4, 0, 0, 0, SINGAPORE))));

        // then the fire fails like a failed load, naming the month, the customer and both amounts
        assertThat(failure).isNotNull();
        assertThat(failure.getMessage()).startsWith("schedule summaries (feed summaries) failed for 2026-10: UNRECONCILED 1 of 3")
                .contains("customer 200002", "10.00000000", "15.00000000");
        assertThat(failure.refireImmediately()).isFalse();
    }

    @Test
    void aMonthWaitingForItsOtherSideOrReconciledDoesNotFailTheFire() throws Exception {
        RecordingLauncher launcher = new RecordingLauncher((month, feed) -> new FeedRun(feed, month, true, 22, 75, null, 0,
                month.getMonthValue() == 10 ? new Reconciliation(month, Reconciliation.State.WAITING, 0, 0, 0, List.of())
                        : new Reconciliation(month, Reconciliation.State.RECONCILED, 3, 0, 0, List.of())));

        new FeedPullJob(launcher).execute(fire("l3", RESTATEMENT, ZonedDateTime.of(2026, 11, 10, 3, 0, 0, 0, SINGAPORE)));

        assertThat(launcher.launches()).hasSize(2);
    }

    @Test
    void anExceptionFromTheLaunchIsSurfacedWithItsCause() throws Exception {
        // given the metadata database is down
        IllegalStateException down = new IllegalStateException("Connection refused: 127.0.0.1:5432");
        RecordingLauncher launcher = new RecordingLauncher((month, feed) -> {
            throw down;
        });

        // when
        JobExecutionException failure = catchThrowableOfType(JobExecutionException.class, () -> new FeedPullJob(launcher)
                .execute(fire("l2", RESTATEMENT, ZonedDateTime.of(2026, 11, 10, 3, 0, 0, 0, SINGAPORE))));

        // then
        assertThat(failure).isNotNull().hasCause(down);
        assertThat(failure.getMessage()).contains("2026-10: Connection refused", "2026-09: Connection refused");
    }

    @Test
    void springBootsJobFactoryCreatesTheJobThroughItsConstructor() throws Exception {
        // given the job factory Spring Boot's Quartz auto-configuration installs, over a context with a launcher bean
        RecordingLauncher launcher = new RecordingLauncher();
        try (GenericApplicationContext context = new GenericApplicationContext()) {
            context.registerBean(FeedLauncher.class, () -> launcher);
            context.refresh();
            SpringBeanJobFactory factory = new SpringBeanJobFactory();
            factory.setApplicationContext(context);
            TriggerFiredBundle bundle = bundle("l2", RESTATEMENT, ZonedDateTime.of(2026, 11, 5, 1, 0, 0, 0, SINGAPORE));

            // when
            Job job = factory.newJob(bundle, null);
            job.execute(new JobExecutionContextImpl(null, bundle, job));

            // then the launcher bean was injected
            assertThat(job).isInstanceOf(FeedPullJob.class);
            assertThat(launcher.launches()).hasSize(2);
        }
    }

    @Test
    void monthsBackZeroIsTheMonthOfTheFire() {
        assertThat(FeedPullJob.months(ZonedDateTime.of(2027, 1, 3, 2, 0, 0, 0, SINGAPORE), List.of(0, 1, 13)))
                .containsExactly(YearMonth.of(2027, 1), YearMonth.of(2026, 12), YearMonth.of(2025, 12));
    }

    private static JobExecutionContext fire(String feed, Feed.Schedule schedule, ZonedDateTime scheduled) {
        TriggerFiredBundle bundle = bundle(feed, schedule, scheduled);
        return new JobExecutionContextImpl(null, bundle, new FeedPullJob(null));
    }

    /** What Quartz hands a job for a fire: the stored job and trigger, fired a few seconds after it was due. */
    private static TriggerFiredBundle bundle(String feed, Feed.Schedule schedule, ZonedDateTime scheduled) {
        JobDetail job = FeedTriggers.job(feed, schedule);
        OperableTrigger trigger = (OperableTrigger) FeedTriggers.trigger(schedule);
        Instant due = scheduled.toInstant();
        return new TriggerFiredBundle(job, trigger, null, false, Date.from(due.plusSeconds(3)), Date.from(due), null, null);
    }
}
