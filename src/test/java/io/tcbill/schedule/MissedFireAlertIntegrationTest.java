package io.tcbill.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import io.tcbill.IntegrationTest;
import io.tcbill.alert.AlertProperties;
import io.tcbill.alert.Alerts;
import io.tcbill.alert.WebhookFormat;
import io.tcbill.alert.WebhookReceiver;
import io.tcbill.feed.Feed;
import io.tcbill.run.MonthOutcome;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quartz.Scheduler;

/**
 * A scheduler that was down at a due fire tells so when it starts again: a real Quartz JDBC store (H2, as
 * {@code tcbill schedule} keeps it by default) holds a fire due 45 days ago, and the catch-up on start posts one
 * SCHEDULER_MISSED_FIRE alert to a real receiver, naming the schedule and when it was due.
 */
@IntegrationTest
class MissedFireAlertIntegrationTest {

    private static final ZoneId SINGAPORE = ZoneId.of("Asia/Singapore");

    @Test
    void aFireMissedWhileNoSchedulerRanIsToldOnceWhenOneStarts(@TempDir Path dir) throws Exception {
        // given a schedule due once, 45 days ago at 01:00 in Singapore, that no scheduler ran
        QuartzTestStore store = QuartzTestStore.h2(dir).withTables(QuartzTestStore.TABLES);
        try (WebhookReceiver receiver = WebhookReceiver.start();
             Alerts alerts = new Alerts(new AlertProperties(List.of(new AlertProperties.Webhook(
                     receiver.url("/hook"), WebhookFormat.GENERIC, false)), null, null, null, 0, null, null),
                     store.dataSource(), Clock.systemUTC())) {
            RecordingLauncher recording = new RecordingLauncher();
            FeedLauncher launcher = new FeedLauncher() {
                @Override
                public MonthOutcome launch(YearMonth month, String feed) {
                    return recording.launch(month, feed);
                }

                @Override
                public void missedFire(String schedule, String feed, ZonedDateTime due, ZonedDateTime ranAt,
                                       List<YearMonth> months) {
                    alerts.missedFire(schedule, feed, due, ranAt, months);
                }
            };
            Scheduler scheduler = store.scheduler("node-a", launcher);
            ZonedDateTime due = ZonedDateTime.now(SINGAPORE).minusDays(45).truncatedTo(ChronoUnit.DAYS).withHour(1);
            Feed.Schedule once = new Feed.Schedule("l3", "0 0 1 " + due.getDayOfMonth() + " " + due.getMonthValue()
                    + " ? " + due.getYear(), "Asia/Singapore", List.of(1));
            scheduler.addJob(FeedTriggers.job("l3", once), true);
            scheduler.scheduleJob(FeedTriggers.trigger(once).getTriggerBuilder()
                    .startAt(Date.from(due.minusDays(1).toInstant())).build());

            // when a scheduler starts
            try {
                scheduler.start();
                recording.awaitLaunches(1, Duration.ofSeconds(20), Duration.ZERO);
                long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
                while (receiver.received().isEmpty() && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
                Thread.sleep(500);
            } finally {
                scheduler.shutdown(true);
            }

            // then the catch-up ran for its own month, and one alert says the fire was missed
            assertThat(recording.launches()).extracting(RecordingLauncher.Launch::month)
                    .containsExactly(YearMonth.from(due).minusMonths(1));
            assertThat(receiver.received()).singleElement().satisfies(alert -> assertThat(alert.body())
                    .contains("\"kind\":\"SCHEDULER_MISSED_FIRE\"")
                    .contains("schedule l3 MISSED its fire due at " + due.toOffsetDateTime())
                    .contains("months [" + YearMonth.from(due).minusMonths(1) + "]"));
        }
    }
}
