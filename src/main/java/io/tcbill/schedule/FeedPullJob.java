package io.tcbill.schedule;

import io.tcbill.run.FeedRun;
import io.tcbill.run.MonthOutcome;
import io.tcbill.run.Reconciliation;
import java.time.Duration;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.quartz.CronTrigger;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobDataMap;
import org.quartz.JobDetail;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.TriggerKey;
import org.quartz.impl.matchers.GroupMatcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One fire of a feed schedule: works out the months from the scheduled fire time in the schedule's zone (months back
 * 1 = the month before the fire) and launches the feed for each. A fire running more than a minute after its scheduled
 * time is a catch-up of a fire missed while no scheduler ran: it still pulls the months of its own scheduled time, is
 * logged as a catch-up with both times, and leaves a month to a later missed fire of the same feed that pulls it too. A month that fails, or whose reconciliation finds a
 * mismatch, does not hold back the others; afterwards every failure is logged and surfaced as a
 * {@link JobExecutionException} (no immediate refire: the next fire or {@code tcbill run} resumes the month).
 */
@DisallowConcurrentExecution
class FeedPullJob implements Job {

    private static final Logger log = LoggerFactory.getLogger(FeedPullJob.class);

    /** A fire this much later than scheduled was missed (Quartz's misfire threshold in application.properties). */
    static final Duration CATCH_UP_AFTER = Duration.ofMinutes(1);

    private final FeedLauncher launcher;

    /** Spring Boot's job factory ({@code SpringBeanJobFactory}) creates each instance with this constructor. */
    FeedPullJob(FeedLauncher launcher) {
        this.launcher = launcher;
    }

    @Override
    public void execute(JobExecutionContext context) throws JobExecutionException {
        String schedule = context.getJobDetail().getKey().getName();
        JobDataMap data = context.getMergedJobDataMap();
        String feed = data.getString(FeedTriggers.FEED);
        ZoneId zone = zone(context, data);
        ZonedDateTime firedFor = context.getScheduledFireTime().toInstant().atZone(zone);
        ZonedDateTime firedAt = context.getFireTime().toInstant().atZone(zone);
        List<Integer> monthsBack = FeedTriggers.monthsBack(data);
        List<YearMonth> months = months(firedFor, monthsBack);
        if (Duration.between(firedFor, firedAt).compareTo(CATCH_UP_AFTER) > 0) {
            Set<YearMonth> later = laterMissedMonths(context, feed, monthsBack, zone);
            List<YearMonth> own = months.stream().filter(month -> !later.contains(month)).toList();
            log.warn("schedule {} catching up its fire due at {}, missed while no scheduler ran (running at {}): feed {},"
                    + " months {}{}", schedule, firedFor, firedAt, feed, own, own.size() == months.size() ? ""
                    : "; " + months.stream().filter(later::contains).toList() + " left to a later missed fire");
            months = own;
            launcher.missedFire(schedule, feed, firedFor, firedAt, own);
        } else {
            log.info("schedule {} fired for {} (at {}): feed {}, months {}", schedule, firedFor, firedAt.toInstant(),
                    feed, months);
        }
        List<String> failures = new ArrayList<>();
        RuntimeException firstError = null;
        for (YearMonth month : months) {
            try {
                MonthOutcome outcome = launcher.launch(month, feed);
                if (outcome.verdict() == MonthOutcome.Verdict.STOPPED) {
                    // a shutdown: the run is STOPPED and resumed by the next fire or 'tcbill run'; not a failure
                    log.info("schedule {}: {} {} stopped by the shutdown; the next fire or 'tcbill run --month {}' resumes"
                            + " it", schedule, feed, month, month);
                    break;
                }
                for (FeedRun run : outcome.runs()) {
                    if (run.unreconciled()) {
                        Reconciliation reconciliation = run.reconciliation();
                        log.error("schedule {}: {} {} loaded {} rows but the month does not reconcile: {}; {}; pull l3 and"
                                + " summaries of {} again once the data is corrected (execution {})", schedule, feed, month,
                                run.rows(), reconciliation.summary(), String.join("; ", reconciliation.problems()), month,
                                run.executionId());
                        failures.add(month + ": UNRECONCILED " + reconciliation.unreconciled() + " of "
                                + reconciliation.customers() + " customers (" + String.join("; ", reconciliation.problems()) + ")");
                    } else if (run.succeeded()) {
                        log.info("schedule {}: {} {} OK, {} rows (execution {})", schedule, feed, month, run.rows(),
                                run.executionId());
                    } else {
                        log.error("schedule {}: {} {} FAILED: {} (execution {})", schedule, feed, month, run.reason(),
                                run.executionId());
                        failures.add(month + ": " + run.reason());
                    }
                }
            } catch (RuntimeException e) {
                log.error("schedule {}: {} {} could not run: {}", schedule, feed, month, e.getMessage(), e);
                failures.add(month + ": " + e.getMessage());
                firstError = firstError == null ? e : firstError;
            }
        }
        if (!failures.isEmpty()) {
            throw new JobExecutionException("schedule " + schedule + " (feed " + feed + ") failed for "
                    + String.join("; ", failures), firstError, false);
        }
    }

    /** The months to pull for a fire at that local time: {@code monthsBack} months before its month, in that order. */
    static List<YearMonth> months(ZonedDateTime firedFor, List<Integer> monthsBack) {
        YearMonth current = YearMonth.from(firedFor);
        return monthsBack.stream().map(current::minusMonths).toList();
    }

    /**
     * The months that later fires of this feed's schedules (this one's, and e.g. the restatement's), due by the time this
     * catch-up runs, pull: running or about to catch up as well. Leaving them to those fires also keeps two catch-ups of
     * one feed from pulling the same month at once (the run lock would refuse one). Falls back to this trigger alone
     * when the job store cannot be read.
     */
    private static Set<YearMonth> laterMissedMonths(JobExecutionContext context, String feed, List<Integer> monthsBack,
                                                    ZoneId zone) {
        Trigger own = context.getTrigger();
        Date scheduled = context.getScheduledFireTime();
        Date now = context.getFireTime();
        Set<YearMonth> months = laterMissedMonths(own, now, monthsBack, zone);
        try {
            Scheduler scheduler = context.getScheduler();
            for (TriggerKey key : scheduler.getTriggerKeys(GroupMatcher.triggerGroupEquals(FeedTriggers.GROUP))) {
                Trigger other = key.equals(own.getKey()) ? null : scheduler.getTrigger(key);
                JobDetail job = other == null ? null : scheduler.getJobDetail(other.getJobKey());
                if (job == null || !feed.equals(job.getJobDataMap().getString(FeedTriggers.FEED))) {
                    continue;
                }
                List<Integer> otherBack = FeedTriggers.monthsBack(job.getJobDataMap());
                ZoneId otherZone = other instanceof CronTrigger cron ? cron.getTimeZone().toZoneId() : zone;
                Date previous = other.getPreviousFireTime();
                boolean later = previous != null && !previous.after(now) && (previous.after(scheduled)
                        || previous.equals(scheduled) && key.compareTo(own.getKey()) > 0);
                if (later) {
                    months.addAll(months(previous.toInstant().atZone(otherZone), otherBack));
                }
                for (Date next = other.getNextFireTime(); next != null && !next.after(now); next = other.getFireTimeAfter(next)) {
                    if (next.after(scheduled) || next.equals(scheduled) && key.compareTo(own.getKey()) > 0) {
                        months.addAll(months(next.toInstant().atZone(otherZone), otherBack));
                    }
                }
            }
        } catch (SchedulerException | RuntimeException e) {
            log.debug("could not read the other schedules of feed {}; only this schedule's later fires count", feed, e);
        }
        return months;
    }

    /**
     * The months that the trigger's later fires, already due by {@code now} and so about to catch up as well, pull: a
     * catch-up leaves those to the latest fire that pulls them (one pull per month, and the most recent view of it).
     */
    static Set<YearMonth> laterMissedMonths(Trigger trigger, Date now, List<Integer> monthsBack, ZoneId zone) {
        Set<YearMonth> months = new HashSet<>();
        for (Date next = trigger.getNextFireTime(); next != null && !next.after(now); next = trigger.getFireTimeAfter(next)) {
            months.addAll(months(next.toInstant().atZone(zone), monthsBack));
        }
        return months;
    }

    /** The cron trigger's zone; a one-off trigger (e.g. {@code Scheduler.triggerJob}) uses the schedule's zone. */
    private static ZoneId zone(JobExecutionContext context, JobDataMap data) {
        if (context.getTrigger() instanceof CronTrigger cron) {
            return cron.getTimeZone().toZoneId();
        }
        String zone = data.getString(FeedTriggers.TIME_ZONE);
        return zone == null ? ZoneId.of("UTC") : ZoneId.of(zone);
    }
}
