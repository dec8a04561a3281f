package io.tcbill.schedule;

import io.tcbill.feed.Role;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tcbill.IntegrationTest;
import io.tcbill.feed.Feed;
import io.tcbill.feed.FeedCatalog;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quartz.CronScheduleBuilder;
import org.quartz.CronTrigger;
import org.quartz.JobBuilder;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.Trigger;
import org.quartz.impl.matchers.GroupMatcher;

/** The registrar against a real JDBC job store (an H2 file), with the scheduler in standby: only what is stored. */
@IntegrationTest
class ScheduleRegistrarIntegrationTest {

    private static final ZoneId SINGAPORE = ZoneId.of("Asia/Singapore");

    @TempDir
    Path dir;

    private Scheduler scheduler;

    @BeforeEach
    void store() throws Exception {
        scheduler = QuartzTestStore.h2(dir).withTables(QuartzTestStore.TABLES).scheduler("node-a", new RecordingLauncher());
    }

    @AfterEach
    void shutdown() throws Exception {
        scheduler.shutdown(false);
    }

    @Test
    void registersEveryScheduleOfTheRealDescriptorsInItsZone() {
        // given the jobs/*.yml descriptors of a reseller
        FeedCatalog catalog = FeedCatalog.load();
        List<Feed> feeds = catalog.namesFor(Role.RESELLER).stream().map(catalog::get).toList();

        // when
        List<ScheduleRegistrar.ScheduledPull> pulls = new ScheduleRegistrar(scheduler, feeds, true).register();

        // then one trigger per schedule; L2 fires at 01:00 on the 5th in Singapore and pulls the previous month
        assertThat(pulls).extracting(ScheduleRegistrar.ScheduledPull::schedule).containsExactlyInAnyOrder(
                "commission", "l2", "l2-restatement", "l3", "l3-restatement", "summaries", "vouchers");
        ScheduleRegistrar.ScheduledPull l2 = pull(pulls, "l2");
        assertThat(l2.feed()).isEqualTo("l2");
        assertThat(l2.cron()).isEqualTo("0 0 1 5 * ?");
        assertThat(l2.zone()).isEqualTo(SINGAPORE);
        assertThat(l2.monthsBack()).containsExactly(1);
        assertThat(l2.nextFire()).isEqualTo(nextFifthAt(1, ZonedDateTime.now(SINGAPORE)));
        ScheduleRegistrar.ScheduledPull restatement = pull(pulls, "l2-restatement");
        assertThat(restatement.feed()).isEqualTo("l2");
        assertThat(restatement.monthsBack()).containsExactly(1, 2);
        assertThat(restatement.nextFire().getDayOfMonth()).isEqualTo(10);
        assertThat(restatement.nextFire().getHour()).isEqualTo(3);
    }

    @Test
    void aCustomerAccountSchedulesOnlyItsOwnFeeds() {
        FeedCatalog catalog = FeedCatalog.load();
        List<Feed> feeds = catalog.namesFor(Role.CUSTOMER).stream().map(catalog::get).toList();

        List<ScheduleRegistrar.ScheduledPull> pulls = new ScheduleRegistrar(scheduler, feeds, true).register();

        assertThat(pulls).extracting(ScheduleRegistrar.ScheduledPull::schedule)
                .containsExactlyInAnyOrder("l2", "l2-restatement", "l3", "l3-restatement");
    }

    @Test
    void registeringAgainLeavesUnchangedTriggersAloneIncludingAMissedFire() throws Exception {
        // given l2 registered with a start months ago, so its next fire lies in the past (missed while down)
        Feed l2 = feed("l2", new Feed.Schedule("l2", "0 0 1 5 * ?", "Asia/Singapore", List.of(1)));
        new ScheduleRegistrar(scheduler, List.of(l2), true).register();
        CronTrigger registered = (CronTrigger) scheduler.getTrigger(FeedTriggers.triggerKey("l2"));
        Date monthsAgo = Date.from(Instant.now().minus(100, ChronoUnit.DAYS));
        scheduler.rescheduleJob(registered.getKey(), registered.getTriggerBuilder().startAt(monthsAgo).build());
        Trigger missed = scheduler.getTrigger(registered.getKey());
        assertThat(missed.getNextFireTime()).isBefore(new Date());

        // when the same descriptors are registered again (the next start)
        new ScheduleRegistrar(scheduler, List.of(l2), true).register();

        // then the stored trigger is untouched: same start, same missed next fire, so it still fires once on start
        Trigger after = scheduler.getTrigger(registered.getKey());
        assertThat(after.getStartTime()).isEqualTo(missed.getStartTime()).isBefore(Date.from(monthsAgo.toInstant().plusSeconds(1)));
        assertThat(after.getNextFireTime()).isEqualTo(missed.getNextFireTime());
        assertThat(scheduler.getJobKeys(GroupMatcher.anyJobGroup())).hasSize(1);
    }

    @Test
    void aTriggerStoredWithTheOldFireOnceNowHandlingIsReplacedKeepingItsMissedFire() throws Exception {
        // given l2 stored by an older tcbill (misfire: fire once now, which pulled the month of the restart) with a fire
        // missed while down
        Feed l2 = feed("l2", new Feed.Schedule("l2", "0 0 1 5 * ?", "Asia/Singapore", List.of(1)));
        new ScheduleRegistrar(scheduler, List.of(l2), true).register();
        CronTrigger registered = (CronTrigger) scheduler.getTrigger(FeedTriggers.triggerKey("l2"));
        Date monthsAgo = Date.from(Instant.now().minus(100, ChronoUnit.DAYS));
        scheduler.rescheduleJob(registered.getKey(), registered.getTriggerBuilder().startAt(monthsAgo)
                .withSchedule(CronScheduleBuilder.cronSchedule(registered.getCronExpression())
                        .inTimeZone(registered.getTimeZone()).withMisfireHandlingInstructionFireAndProceed()).build());
        Date missed = scheduler.getTrigger(registered.getKey()).getNextFireTime();

        // when this version registers the same descriptors
        new ScheduleRegistrar(scheduler, List.of(l2), true).register();

        // then the trigger runs every missed fire at its own time, starting with the one missed before the upgrade
        CronTrigger after = (CronTrigger) scheduler.getTrigger(registered.getKey());
        assertThat(after.getMisfireInstruction()).isEqualTo(Trigger.MISFIRE_INSTRUCTION_IGNORE_MISFIRE_POLICY);
        assertThat(after.getNextFireTime()).isEqualTo(missed).isBefore(new Date());
    }

    @Test
    void aDescriptorEditedInTheJobsDirectoryChangesTheRegisteredSchedule(@TempDir Path jobs) throws Exception {
        // given the built-in l3 registered, then l3.yml copied to a jobs directory and its cron edited
        FeedCatalog builtIn = FeedCatalog.load();
        new ScheduleRegistrar(scheduler, List.of(builtIn.get("l3")), true).register();
        String descriptor;
        try (var in = getClass().getResourceAsStream("/jobs/l3.yml")) {
            descriptor = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        java.nio.file.Files.writeString(jobs.resolve("l3.yml"), descriptor.replace("\"0 0 1 5 * ?\"", "\"0 0 6 5 * ?\""));

        // when the next start reads the jobs directory, with a property overriding the restatement's cron
        FeedCatalog edited = FeedCatalog.load(jobs, java.util.Map.of("tcbill.schedule.l3-restatement.cron",
                "0 0 7 12 * ?")::get);
        new ScheduleRegistrar(scheduler, List.of(edited.get("l3")), true).register();

        // then the job store fires l3 as the edited file says, and the restatement as the property says
        assertThat(((CronTrigger) scheduler.getTrigger(FeedTriggers.triggerKey("l3"))).getCronExpression())
                .isEqualTo("0 0 6 5 * ?");
        assertThat(((CronTrigger) scheduler.getTrigger(FeedTriggers.triggerKey("l3-restatement"))).getCronExpression())
                .isEqualTo("0 0 7 12 * ?");
    }

    @Test
    void aChangedCronOrZoneReplacesTheTrigger() throws Exception {
        // given
        new ScheduleRegistrar(scheduler, List.of(feed("l2",
                new Feed.Schedule("l2", "0 0 1 5 * ?", "Asia/Singapore", List.of(1)))), true).register();

        // when the descriptor moves the pull to 06:00 UTC and adds a month
        List<ScheduleRegistrar.ScheduledPull> pulls = new ScheduleRegistrar(scheduler, List.of(feed("l2",
                new Feed.Schedule("l2", "0 0 6 5 * ?", "UTC", List.of(1, 2)))), true).register();

        // then
        CronTrigger stored = (CronTrigger) scheduler.getTrigger(FeedTriggers.triggerKey("l2"));
        assertThat(stored.getCronExpression()).isEqualTo("0 0 6 5 * ?");
        assertThat(stored.getTimeZone().getID()).isEqualTo("UTC");
        assertThat(stored.getMisfireInstruction()).isEqualTo(Trigger.MISFIRE_INSTRUCTION_IGNORE_MISFIRE_POLICY);
        assertThat(pulls).singleElement().satisfies(pull -> {
            assertThat(pull.nextFire()).isEqualTo(nextFifthAt(6, ZonedDateTime.now(ZoneId.of("UTC"))));
            assertThat(pull.monthsBack()).containsExactly(1, 2);
        });
    }

    @Test
    void aScheduleNoLongerDescribedIsRemovedAndOtherJobsAreKept() throws Exception {
        // given l2 and its restatement registered, and a job of someone else in another group
        Feed l2 = feed("l2", new Feed.Schedule("l2", "0 0 1 5 * ?", "Asia/Singapore", List.of(1)),
                new Feed.Schedule("l2-restatement", "0 0 3 10 * ?", "Asia/Singapore", List.of(1, 2)));
        new ScheduleRegistrar(scheduler, List.of(l2), true).register();
        scheduler.addJob(JobBuilder.newJob(FeedPullJob.class).withIdentity("other", "elsewhere").storeDurably().build(), false);

        // when the restatement is taken out of the descriptor
        new ScheduleRegistrar(scheduler, List.of(feed("l2", l2.schedules().get(0))), true).register();

        // then
        assertThat(scheduler.getTrigger(FeedTriggers.triggerKey("l2-restatement"))).isNull();
        assertThat(scheduler.checkExists(FeedTriggers.jobKey("l2-restatement"))).isFalse();
        assertThat(scheduler.checkExists(FeedTriggers.triggerKey("l2"))).isTrue();
        assertThat(scheduler.checkExists(JobKey.jobKey("other", "elsewhere"))).isTrue();
    }

    @Test
    void aBadCronOrZoneFailsNamingTheSchedule() {
        assertThatThrownBy(() -> new ScheduleRegistrar(scheduler, List.of(feed("l2",
                new Feed.Schedule("l2", "0 0 1 32 * ?", "Asia/Singapore", List.of(1)))), true).register())
                .hasMessageStartingWith("schedule l2: invalid cron '0 0 1 32 * ?'");
        assertThatThrownBy(() -> new ScheduleRegistrar(scheduler, List.of(feed("l2",
                new Feed.Schedule("l2", "0 0 1 5 * ?", "Asia/Singpore", List.of(1)))), true).register())
                .hasMessage("schedule l2: unknown time zone 'Asia/Singpore' (use a region id such as Asia/Singapore)");
    }

    private static Feed feed(String name, Feed.Schedule... schedules) {
        Feed real = FeedCatalog.load().get(name);
        return new Feed(real.name(), real.description(), real.format(), real.table(), real.tables(), real.mapping(),
                real.packCustomerColumn(), real.customerColumn(), real.sources(), real.earliestMonth(), List.of(schedules));
    }

    private static ScheduleRegistrar.ScheduledPull pull(List<ScheduleRegistrar.ScheduledPull> pulls, String name) {
        return pulls.stream().filter(p -> p.schedule().equals(name)).findFirst().orElseThrow();
    }

    /** The next 5th of a month at that hour, strictly after {@code now}, computed without Quartz. */
    static ZonedDateTime nextFifthAt(int hour, ZonedDateTime now) {
        ZonedDateTime candidate = now.withDayOfMonth(5).withHour(hour).truncatedTo(ChronoUnit.HOURS);
        return candidate.isAfter(now) ? candidate : candidate.plusMonths(1);
    }
}
