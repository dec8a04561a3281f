package io.tcbill.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.tcbill.feed.Feed;
import io.tcbill.feed.FeedCatalog;
import io.tcbill.run.FeedRun;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.quartz.Scheduler;
import org.quartz.Trigger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the clustered JDBC job store must guarantee on every database it runs on: each fire missed while no scheduler
 * ran runs once when one starts, pulling the months of its own scheduled time, and two scheduler instances sharing
 * the database run each fire exactly once.
 */
abstract class QuartzStoreContract {

    private static final Logger log = LoggerFactory.getLogger(QuartzStoreContract.class);
    private static final ZoneId SINGAPORE = ZoneId.of("Asia/Singapore");

    private final List<Scheduler> schedulers = new ArrayList<>();

    /** The database under test, with the Quartz tables created. */
    abstract QuartzTestStore store();

    @AfterEach
    void shutdown() throws Exception {
        if (!schedulers.isEmpty()) {
            schedulers.get(0).clear();
        }
        for (Scheduler scheduler : schedulers) {
            scheduler.shutdown(true);
        }
    }

    @Test
    void everyFireMissedWhileNoSchedulerRanRunsOnceWhenOneStartsForItsOwnMonth() throws Exception {
        assertMissedFiresRunOnce(store());
    }

    @Test
    void twoClusteredSchedulersRunEachFireExactlyOnce() throws Exception {
        // given two instances on the same database, each registering the same twelve schedules (as each would on
        // start), all due once a few seconds from now, schedule i pulling i months back; a launch takes a while
        RecordingLauncher launcher = new RecordingLauncher((month, feed) -> {
            sleep(200);
            return new FeedRun(feed, month, true, 1, 10, null, 0);
        });
        Scheduler a = scheduler(store(), "node-a", launcher.on("node-a"));
        Scheduler b = scheduler(store(), "node-b", launcher.on("node-b"));
        ZonedDateTime due = ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(3).truncatedTo(ChronoUnit.SECONDS);
        String once = due.getSecond() + " " + due.getMinute() + " " + due.getHour() + " " + due.getDayOfMonth() + " "
                + due.getMonthValue() + " ? " + due.getYear();
        List<Feed.Schedule> schedules = IntStream.rangeClosed(1, 12)
                .mapToObj(back -> new Feed.Schedule("burst-" + back, once, "UTC", List.of(back))).toList();
        Feed l2 = feed("l2", schedules);
        new ScheduleRegistrar(a, List.of(l2), true).register();
        new ScheduleRegistrar(b, List.of(l2), true).register();

        // when both run past the fire
        a.start();
        b.start();
        List<RecordingLauncher.Launch> launches = launcher.awaitLaunches(12, Duration.ofSeconds(20), Duration.ofSeconds(2));

        // then each schedule ran once in total (its own month), and both instances were cluster members
        Map<String, Long> perInstance = launches.stream()
                .collect(Collectors.groupingBy(RecordingLauncher.Launch::instance, TreeMap::new, Collectors.counting()));
        log.info("launches per instance: {}", perInstance);
        assertThat(launches).extracting(RecordingLauncher.Launch::month).containsExactlyInAnyOrderElementsOf(
                IntStream.rangeClosed(1, 12).mapToObj(back -> YearMonth.from(due).minusMonths(back)).toList());
        assertThat(clusterMembers()).containsExactlyInAnyOrder("node-a", "node-b");
    }

    @Test
    void aCaughtUpFirePullsTheMonthsOfItsOwnScheduledTimeNotOfTheRestart() throws Exception {
        // given a schedule due once, 45 days ago at 01:00 in Singapore (so in an earlier month than today), pulling the
        // month before; the scheduler was not running then and starts now, days later
        RecordingLauncher launcher = new RecordingLauncher();
        Scheduler scheduler = scheduler(store(), "node-a", launcher);
        ZonedDateTime due = ZonedDateTime.now(SINGAPORE).minusDays(45).truncatedTo(ChronoUnit.DAYS).withHour(1);
        Feed.Schedule once = new Feed.Schedule("l3", "0 0 1 " + due.getDayOfMonth() + " " + due.getMonthValue() + " ? "
                + due.getYear(), "Asia/Singapore", List.of(1));
        scheduler.addJob(FeedTriggers.job("l3", once), true);
        scheduler.scheduleJob(FeedTriggers.trigger(once).getTriggerBuilder()
                .startAt(Date.from(due.minusDays(1).toInstant())).build());

        // when
        scheduler.start();
        List<RecordingLauncher.Launch> launches = launcher.awaitLaunches(1, Duration.ofSeconds(20), Duration.ofMillis(1000));

        // then the month before the missed fire, which was due, not the month before today
        assertThat(launches).extracting(RecordingLauncher.Launch::feed, RecordingLauncher.Launch::month)
                .containsExactly(tuple("l3", YearMonth.from(due).minusMonths(1)));
    }

    @Test
    void theMissedFiresOfAFeedsSchedulesPullEachDueMonthOnceWhenTheyCatchUp() throws Exception {
        // given the real l3 schedule (5th, month back 1) and its restatement (10th, months back 1 and 2), stored 100 days
        // ago; their missed fires overlap (each month is due on the 5th and the 10th of the next, and again a month later)
        RecordingLauncher launcher = new RecordingLauncher();
        Scheduler scheduler = scheduler(store(), "node-a", launcher);
        Date start = Date.from(Instant.now().minus(100, ChronoUnit.DAYS));
        Set<YearMonth> due = new TreeSet<>();
        for (Feed.Schedule schedule : FeedCatalog.load().get("l3").schedules()) {
            scheduler.addJob(FeedTriggers.job("l3", schedule), true);
            scheduler.scheduleJob(FeedTriggers.trigger(schedule).getTriggerBuilder().startAt(start).build());
            Trigger stored = scheduler.getTrigger(FeedTriggers.triggerKey(schedule.name()));
            for (Date fire = stored.getNextFireTime(); fire.before(new Date()); fire = stored.getFireTimeAfter(fire)) {
                for (int back : schedule.monthsBack()) {
                    due.add(YearMonth.from(fire.toInstant().atZone(SINGAPORE)).minusMonths(back));
                }
            }
        }

        // when
        scheduler.start();
        List<RecordingLauncher.Launch> launches = launcher.awaitLaunches(due.size(), Duration.ofSeconds(20),
                Duration.ofMillis(2000));

        // then every month due during the outage was pulled, each once (by the latest fire that pulls it)
        assertThat(launches).extracting(RecordingLauncher.Launch::month).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(due);
    }

    /**
     * The real L2 schedule (01:00 on the 5th, Singapore) stored with a start 100 days ago, so three or four monthly fires
     * passed while no scheduler ran; the scheduler then starts far more than the misfire threshold late.
     */
    void assertMissedFiresRunOnce(QuartzTestStore store) throws Exception {
        // given
        RecordingLauncher launcher = new RecordingLauncher();
        Scheduler scheduler = scheduler(store, "node-a", launcher);
        Feed.Schedule l2 = FeedCatalog.load().get("l2").schedules().get(0);
        scheduler.addJob(FeedTriggers.job("l2", l2), true);
        Date start = Date.from(Instant.now().minus(100, ChronoUnit.DAYS));
        scheduler.scheduleJob(FeedTriggers.trigger(l2).getTriggerBuilder().startAt(start).build());
        Trigger stored = scheduler.getTrigger(FeedTriggers.triggerKey("l2"));
        List<YearMonth> due = new ArrayList<>();
        for (Date fire = stored.getNextFireTime(); fire.before(new Date()); fire = stored.getFireTimeAfter(fire)) {
            due.add(YearMonth.from(fire.toInstant().atZone(SINGAPORE)).minusMonths(1));
        }
        assertThat(due).hasSizeGreaterThanOrEqualTo(3);

        // when
        scheduler.start();
        List<RecordingLauncher.Launch> launches = launcher.awaitLaunches(due.size(), Duration.ofSeconds(20),
                Duration.ofMillis(1500));

        // then each missed fire pulled once the month that was due at its own time, oldest first, and the schedule
        // proceeds
        assertThat(launches).extracting(RecordingLauncher.Launch::feed, RecordingLauncher.Launch::month)
                .containsExactlyElementsOf(due.stream().map(month -> tuple("l2", month)).toList());
        Trigger after = scheduler.getTrigger(FeedTriggers.triggerKey("l2"));
        assertThat(after.getNextFireTime().toInstant())
                .isEqualTo(ScheduleRegistrarIntegrationTest.nextFifthAt(1, ZonedDateTime.now(SINGAPORE)).toInstant());
    }

    private Scheduler scheduler(QuartzTestStore store, String instanceId, FeedLauncher launcher) throws Exception {
        Scheduler scheduler = store.scheduler(instanceId, launcher);
        schedulers.add(scheduler);
        return scheduler;
    }

    private List<String> clusterMembers() throws Exception {
        List<String> members = new ArrayList<>();
        try (Connection connection = store().connect(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT INSTANCE_NAME FROM QRTZ_SCHEDULER_STATE")) {
            while (rows.next()) {
                members.add(rows.getString(1));
            }
        }
        return members;
    }

    private static Feed feed(String name, List<Feed.Schedule> schedules) {
        Feed real = FeedCatalog.load().get(name);
        return new Feed(real.name(), real.description(), real.format(), real.table(), real.tables(), real.mapping(),
                real.packCustomerColumn(), real.customerColumn(), real.sources(), real.earliestMonth(), schedules);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
