package io.tcbill.schedule;

import io.tcbill.feed.Feed;
import io.tcbill.feed.FeedCatalog;
import io.tcbill.partner.ApiProperties;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.quartz.CronTrigger;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.ObjectAlreadyExistsException;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.TriggerKey;
import org.quartz.impl.matchers.GroupMatcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Keeps the Quartz job store in step with the {@code jobs/} descriptors of the configured role: adds a job and trigger
 * per schedule, replaces a trigger whose cron or zone changed, removes schedules no longer described, and leaves an
 * unchanged trigger alone, so that fires missed while no scheduler ran still run when one starts. Runs just
 * before the scheduler starts, and only when it starts ({@code spring.quartz.auto-startup=true}, the schedule command).
 */
@Component
public class ScheduleRegistrar implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ScheduleRegistrar.class);

    private final Supplier<Scheduler> schedulers;
    private volatile boolean registeredBeforeStart;
    private final List<Feed> feeds;
    private final boolean autoStartup;
    private volatile boolean running;

    /**
     * The scheduler comes through a provider: a bean a lifecycle bean is constructed with is started before it, whatever
     * the phases say, and Quartz would then fire (and scan its store) while the triggers are still being written.
     */
    @Autowired
    ScheduleRegistrar(ObjectProvider<Scheduler> scheduler, FeedCatalog catalog, ApiProperties api,
                      @Value("${spring.quartz.auto-startup:false}") boolean autoStartup) {
        this(scheduler::getObject, catalog.namesFor(api.role()).stream().map(catalog::get).toList(), autoStartup);
    }

    ScheduleRegistrar(Scheduler scheduler, List<Feed> feeds, boolean autoStartup) {
        this(() -> scheduler, feeds, autoStartup);
    }

    private ScheduleRegistrar(Supplier<Scheduler> scheduler, List<Feed> feeds, boolean autoStartup) {
        this.schedulers = scheduler;
        this.feeds = List.copyOf(feeds);
        this.autoStartup = autoStartup;
    }

    /** A registered schedule and when it fires next, in its own zone. */
    public record ScheduledPull(String schedule, String feed, String cron, ZoneId zone, List<Integer> monthsBack,
                                ZonedDateTime nextFire) {
    }

    /** Brings the job store in step with the descriptors and returns what is now scheduled. */
    public List<ScheduledPull> register() {
        Scheduler scheduler = schedulers.get();
        Map<String, Feed> wanted = new LinkedHashMap<>();
        try {
            for (Feed feed : feeds) {
                for (Feed.Schedule schedule : feed.schedules()) {
                    if (wanted.put(schedule.name(), feed) != null) {
                        throw new IllegalStateException("two schedules are named " + schedule.name() + " in jobs/");
                    }
                    sync(feed.name(), schedule);
                }
            }
            for (JobKey key : scheduler.getJobKeys(GroupMatcher.jobGroupEquals(FeedTriggers.GROUP))) {
                if (!wanted.containsKey(key.getName()) && scheduler.deleteJob(key)) {
                    log.info("schedule {} removed: no longer in jobs/ for this role", key.getName());
                }
            }
        } catch (SchedulerException e) {
            throw new IllegalStateException("could not register the feed schedules in the Quartz job store: "
                    + e.getMessage(), e);
        }
        return scheduled();
    }

    /** What the job store holds now, soonest first. */
    public List<ScheduledPull> scheduled() {
        Scheduler scheduler = schedulers.get();
        try {
            List<ScheduledPull> pulls = new ArrayList<>();
            for (TriggerKey key : scheduler.getTriggerKeys(GroupMatcher.triggerGroupEquals(FeedTriggers.GROUP))) {
                if (scheduler.getTrigger(key) instanceof CronTrigger trigger) {
                    JobDetail job = scheduler.getJobDetail(trigger.getJobKey());
                    ZoneId zone = trigger.getTimeZone().toZoneId();
                    ZonedDateTime next = trigger.getNextFireTime() == null ? null
                            : trigger.getNextFireTime().toInstant().atZone(zone);
                    pulls.add(new ScheduledPull(key.getName(), job.getJobDataMap().getString(FeedTriggers.FEED),
                            trigger.getCronExpression(), zone, FeedTriggers.monthsBack(job.getJobDataMap()), next));
                }
            }
            pulls.sort(Comparator.comparing((ScheduledPull p) -> p.nextFire() == null ? null : p.nextFire().toInstant(),
                    Comparator.nullsLast(Comparator.naturalOrder())).thenComparing(ScheduledPull::schedule));
            return pulls;
        } catch (SchedulerException e) {
            throw new IllegalStateException("could not read the feed schedules from the Quartz job store: "
                    + e.getMessage(), e);
        }
    }

    private void sync(String feed, Feed.Schedule schedule) throws SchedulerException {
        Scheduler scheduler = schedulers.get();
        JobDetail job = FeedTriggers.job(feed, schedule);
        CronTrigger trigger = FeedTriggers.trigger(schedule);
        if (!FeedTriggers.sameJob(scheduler.getJobDetail(job.getKey()), job)) {
            scheduler.addJob(job, true);
        }
        Trigger stored = scheduler.getTrigger(trigger.getKey());
        if (stored == null) {
            try {
                scheduler.scheduleJob(trigger);
                log.info("schedule {} added: feed {}, {} {}, months back {}", schedule.name(), feed, schedule.cron(),
                        schedule.timeZone(), schedule.monthsBack());
            } catch (ObjectAlreadyExistsException e) {
                log.debug("schedule {} was added meanwhile by another instance", schedule.name());
            }
        } else if (!FeedTriggers.sameSchedule(stored, trigger)
                || scheduler.getTriggerState(trigger.getKey()) == Trigger.TriggerState.ERROR) {
            if (sameTimes(stored, trigger) && stored.getNextFireTime() != null) {
                // only the misfire handling changed (an older tcbill): keep a fire missed meanwhile
                trigger = (CronTrigger) trigger.getTriggerBuilder().startAt(stored.getNextFireTime()).build();
            }
            scheduler.rescheduleJob(trigger.getKey(), trigger);
            log.info("schedule {} replaced: was {}, now {}", schedule.name(), stored.getDescription(),
                    trigger.getDescription());
        }
    }

    private static boolean sameTimes(Trigger stored, CronTrigger wanted) {
        return stored instanceof CronTrigger cron && cron.getCronExpression().equals(wanted.getCronExpression())
                && cron.getTimeZone().getID().equals(wanted.getTimeZone().getID());
    }

    @Override
    public void start() {
        try {
            registeredBeforeStart = !schedulers.get().isStarted();
        } catch (SchedulerException e) {
            registeredBeforeStart = false;
        }
        List<ScheduledPull> pulls = register();
        log.info("{} feed schedules registered", pulls.size());
        running = true;
    }

    @Override
    public void stop() {
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public boolean isAutoStartup() {
        return autoStartup;
    }

    /** Whether the last {@link #start()} wrote the triggers before Quartz started (so nothing fired or scanned meanwhile). */
    public boolean registeredBeforeStart() {
        return registeredBeforeStart;
    }

    /** Just before Spring's {@code SchedulerFactoryBean} (phase {@link SmartLifecycle#DEFAULT_PHASE}) starts Quartz. */
    @Override
    public int getPhase() {
        return DEFAULT_PHASE - 1;
    }
}
