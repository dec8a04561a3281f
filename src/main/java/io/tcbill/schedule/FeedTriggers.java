package io.tcbill.schedule;

import io.tcbill.feed.Feed;
import java.text.ParseException;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.TimeZone;
import java.util.stream.Collectors;
import org.quartz.CronExpression;
import org.quartz.CronScheduleBuilder;
import org.quartz.CronTrigger;
import org.quartz.JobBuilder;
import org.quartz.JobDataMap;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;

/**
 * The Quartz job and trigger of one feed schedule: a durable {@link FeedPullJob} and a cron trigger, both named after
 * the schedule, in their own group. A fire missed while no scheduler ran is not dropped nor moved to "now": each runs
 * when the scheduler is back, with its own scheduled time (Quartz's ignore-misfire policy), so it pulls the months
 * that were due then; {@link FeedPullJob} skips a month that a later missed fire of the same feed pulls anyway.
 * Job data holds strings only ({@code org.quartz.jobStore.useProperties=true}): no Java serialization in the database.
 */
final class FeedTriggers {

    static final String GROUP = "tcbill-feeds";
    static final String FEED = "feed";
    static final String MONTHS_BACK = "monthsBack";
    static final String TIME_ZONE = "timeZone";

    private FeedTriggers() {
    }

    static JobKey jobKey(String schedule) {
        return JobKey.jobKey(schedule, GROUP);
    }

    static TriggerKey triggerKey(String schedule) {
        return TriggerKey.triggerKey(schedule, GROUP);
    }

    static JobDetail job(String feed, Feed.Schedule schedule) {
        return JobBuilder.newJob(FeedPullJob.class)
                .withIdentity(jobKey(schedule.name()))
                .withDescription("pulls feed " + feed + ", months back " + schedule.monthsBack())
                .storeDurably()
                .usingJobData(data(feed, schedule))
                .build();
    }

    static CronTrigger trigger(Feed.Schedule schedule) {
        CronScheduleBuilder cron;
        try {
            CronExpression.validateExpression(schedule.cron());
            cron = CronScheduleBuilder.cronSchedule(schedule.cron());
        } catch (ParseException e) {
            throw new IllegalStateException("schedule " + schedule.name() + ": invalid cron '" + schedule.cron() + "': "
                    + e.getMessage(), e);
        }
        return TriggerBuilder.newTrigger()
                .withIdentity(triggerKey(schedule.name()))
                .forJob(jobKey(schedule.name()))
                .withDescription(schedule.cron() + " " + schedule.timeZone())
                .withSchedule(cron.inTimeZone(timeZone(schedule)).withMisfireHandlingInstructionIgnoreMisfires())
                .build();
    }

    /** Whether the stored trigger fires as the schedule says (same cron, zone and misfire handling). */
    static boolean sameSchedule(org.quartz.Trigger stored, CronTrigger wanted) {
        return stored instanceof CronTrigger cron
                && cron.getCronExpression().equals(wanted.getCronExpression())
                && cron.getTimeZone().getID().equals(wanted.getTimeZone().getID())
                && cron.getMisfireInstruction() == wanted.getMisfireInstruction();
    }

    /** Whether the stored job is this class with the same data. */
    static boolean sameJob(JobDetail stored, JobDetail wanted) {
        return stored != null && stored.getJobClass().equals(wanted.getJobClass())
                && Objects.equals(stored.getJobDataMap().getWrappedMap(), wanted.getJobDataMap().getWrappedMap());
    }

    static List<Integer> monthsBack(JobDataMap data) {
        return Arrays.stream(data.getString(MONTHS_BACK).split(",")).map(String::trim).map(Integer::valueOf).toList();
    }

    private static JobDataMap data(String feed, Feed.Schedule schedule) {
        if (schedule.monthsBack() == null || schedule.monthsBack().isEmpty()
                || schedule.monthsBack().stream().anyMatch(back -> back == null || back < 0)) {
            throw new IllegalStateException("schedule " + schedule.name() + ": months-back must list months 0 or more"
                    + " before the fire (1 = the previous month), was " + schedule.monthsBack());
        }
        JobDataMap data = new JobDataMap();
        data.put(FEED, feed);
        data.put(MONTHS_BACK, schedule.monthsBack().stream().map(String::valueOf).collect(Collectors.joining(",")));
        data.put(TIME_ZONE, timeZone(schedule).getID());
        return data;
    }

    /** {@link TimeZone#getTimeZone(String)} silently falls back to GMT on a typo; {@link ZoneId#of} does not. */
    private static TimeZone timeZone(Feed.Schedule schedule) {
        try {
            return TimeZone.getTimeZone(ZoneId.of(schedule.timeZone()));
        } catch (DateTimeException e) {
            throw new IllegalStateException("schedule " + schedule.name() + ": unknown time zone '" + schedule.timeZone()
                    + "' (use a region id such as Asia/Singapore)", e);
        }
    }
}
