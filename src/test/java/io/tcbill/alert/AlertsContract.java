package io.tcbill.alert;

import static org.assertj.core.api.Assertions.assertThat;

import io.tcbill.feed.FeedCatalog;
import io.tcbill.load.ReconciliationReport;
import io.tcbill.run.FeedRun;
import io.tcbill.run.Reconciliation;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What each alert kind must do on every metadata database it runs on: reach a real HTTP receiver, once per event,
 * even across a restart (a second {@link Alerts} on the same database), and again only once its condition was over.
 */
abstract class AlertsContract {

    static final YearMonth MONTH = YearMonth.of(2026, 5);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final List<Alerts> opened = new ArrayList<>();
    WebhookReceiver receiver;

    /** A fresh, empty metadata database for each test. */
    abstract DataSource metadata();

    @BeforeEach
    void startReceiver() {
        receiver = WebhookReceiver.start();
    }

    @AfterEach
    void stop() {
        opened.forEach(Alerts::close);
        receiver.close();
    }

    @Test
    void aFailedFeedIsToldOnceEvenAfterARestartAndAgainOnlyOnceARunOfItSucceeded() throws Exception {
        // given a process with a generic webhook, and a run of l3 that failed
        Alerts first = alerts(WebhookFormat.GENERIC);
        FeedRun failed = new FeedRun("l3", MONTH, false, 12, 0, "customer 100001: file not ready after 30m", 0);

        // when it is told, then told again by the same and by a restarted process, and by a later failing run
        new RunAlerts(first).feedEnded(failed);
        new RunAlerts(first).feedEnded(failed);
        Alerts restarted = alerts(WebhookFormat.GENERIC);
        new RunAlerts(restarted).feedEnded(new FeedRun("l3", MONTH, false, 13, 0, "customer 100001: not ready", 0));
        settle(first, restarted);

        // then one alert in the generic body, naming the feed, month, reason and execution
        assertThat(receiver.received()).hasSize(1);
        JsonNode body = JSON.readTree(receiver.received().get(0).body());
        assertThat(body.get("kind").asString()).isEqualTo("FEED_FAILED");
        assertThat(body.get("feed").asString()).isEqualTo("l3");
        assertThat(body.get("month").asString()).isEqualTo("2026-05");
        assertThat(body.get("text").asString()).contains("customer 100001: file not ready after 30m")
                .contains("execution 12").contains("tcbill run --month 2026-05 --feed l3");

        // and when a run of it succeeds and a later one fails, that failure is news again
        new RunAlerts(restarted).feedEnded(new FeedRun("l3", MONTH, true, 14, 500, null, 0));
        new RunAlerts(restarted).feedEnded(new FeedRun("l3", MONTH, false, 15, 0, "HTTP 403 AuthFailure", 0));
        settle(restarted);
        assertThat(receiver.received()).hasSize(2);
        assertThat(receiver.received().get(1).body()).contains("HTTP 403 AuthFailure");
    }

    @Test
    void anUnreconciledMonthIsToldOnceInSlacksFormatNamingTheCustomerAndAmounts() throws Exception {
        // given a completed run whose reconciliation found one of three customers off by 5.00
        Alerts alerts = alerts(WebhookFormat.SLACK);
        FeedRun run = new FeedRun("summaries", MONTH, true, 21, 30, null, 0, unreconciled(100002L), false);

        // when told twice (e.g. 'run' and then the scheduler's fire), and by a restarted process
        new RunAlerts(alerts).feedEnded(run);
        new RunAlerts(alerts).feedEnded(run);
        Alerts restarted = alerts(WebhookFormat.SLACK);
        new RunAlerts(restarted).feedEnded(run);
        settle(alerts, restarted);

        // then once, as Slack's {"text": ...} with the customer and both totals
        assertThat(receiver.received()).hasSize(1);
        JsonNode body = JSON.readTree(receiver.received().get(0).body());
        assertThat(body.propertyNames()).containsExactly("text");
        assertThat(body.get("text").asString()).contains("2026-05 UNRECONCILED: 1 of 3 customers")
                .contains("customer 100002: UNRECONCILED, L3 total 105.00 vs summary 110.00 (largest difference 5.00)");

        // and once the month reconciles, a new mismatch is told again
        new RunAlerts(restarted).feedEnded(new FeedRun("l3", MONTH, true, 22, 30, null, 0, reconciled(), false));
        new RunAlerts(restarted).feedEnded(run);
        settle(restarted);
        assertThat(receiver.received()).hasSize(2);
    }

    @Test
    void aRestatementIsToldOncePerRunThatChangedTheMonthAsATeamsCard() throws Exception {
        // given a re-pull of l3 that changed two customers' rows
        Alerts alerts = alerts(WebhookFormat.TEAMS);
        String restated = "restated: 2 customers changed in bill_l3, total +12.50 USD";
        FeedRun run = new FeedRun("l3", MONTH, true, 31, 400, null, 0, null, false, restated);

        // when that run is told twice (and again after a restart), and a later run changes the month again
        new RunAlerts(alerts).feedEnded(run);
        new RunAlerts(alerts(WebhookFormat.TEAMS)).feedEnded(run);
        new RunAlerts(alerts).feedEnded(new FeedRun("l3", MONTH, true, 32, 401, null, 0, null, false, restated));
        new RunAlerts(alerts).feedEnded(new FeedRun("l3", MONTH, true, 33, 401, null, 0, null, false, null));
        settle(opened.toArray(Alerts[]::new));

        // then one card per changing run, none for the identical re-pull
        assertThat(receiver.received()).hasSize(2);
        JsonNode card = JSON.readTree(receiver.received().get(0).body());
        assertThat(card.get("@type").asString()).isEqualTo("MessageCard");
        assertThat(card.get("title").asString()).isEqualTo("tcbill: feed l3 RESTATED 2026-05");
        assertThat(card.get("text").asString()).contains(restated).contains("execution 31");
    }

    @Test
    void aLateMonthIsToldOncePerFeedNotLoadedAndNotForAFeedThatLoadedIt() throws Exception {
        // given 2026-06-20, seven days' grace, and only l2 of the reseller's scheduled feeds loaded 2026-05
        Clock clock = Clock.fixed(Instant.parse("2026-06-20T00:00:00Z"), ZoneOffset.UTC);
        Alerts alerts = alerts(WebhookFormat.GENERIC);
        FeedCatalog catalog = FeedCatalog.load();
        List<io.tcbill.feed.Feed> feeds = List.of(catalog.get("l2"), catalog.get("l3"));
        LateMonths.Loaded loaded = (month, feed) -> feed.equals("l2") && month.equals(MONTH);

        // when the scheduler checks, then checks again, and restarts and checks
        List<String> late = new LateMonths(alerts, feeds, loaded, properties(WebhookFormat.GENERIC), clock, true).check();
        new LateMonths(alerts, feeds, loaded, properties(WebhookFormat.GENERIC), clock, true).check();
        Alerts restarted = alerts(WebhookFormat.GENERIC);
        new LateMonths(restarted, feeds, loaded, properties(WebhookFormat.GENERIC), clock, true).check();
        settle(alerts, restarted);

        // then l3 is late for 2026-05, told once, saying since when it is final
        assertThat(late).containsExactly("l3");
        assertThat(receiver.received()).hasSize(1);
        JsonNode body = JSON.readTree(receiver.received().get(0).body());
        assertThat(body.get("kind").asString()).isEqualTo("MONTH_LATE");
        assertThat(body.get("title").asString()).isEqualTo("feed l3 LATE for 2026-05: not loaded 7 days after the month"
                + " became final");
        assertThat(body.get("text").asString()).contains("became final at 2026-06-05T01:00");
    }

    @Test
    void aMissedSchedulerFireIsToldOnceHoweverManyInstancesCatchItUp() throws Exception {
        // given a fire due on the 5th at 01:00 in Singapore that ran days later, when a scheduler started
        ZonedDateTime due = ZonedDateTime.of(2026, 6, 5, 1, 0, 0, 0, ZoneId.of("Asia/Singapore"));
        ZonedDateTime ranAt = due.plusDays(2);

        // when two instances (or a restart) report it
        Alerts a = alerts(WebhookFormat.GENERIC);
        Alerts b = alerts(WebhookFormat.GENERIC);
        a.missedFire("l3", "l3", due, ranAt, List.of(MONTH));
        b.missedFire("l3", "l3", due, ranAt, List.of(MONTH));
        a.missedFire("l3", "l3", due.plusMonths(1), ranAt.plusMonths(1), List.of(MONTH.plusMonths(1)));
        settle(a, b);

        // then once per due fire, naming the schedule, the due time and the months it pulls
        assertThat(receiver.received()).hasSize(2);
        JsonNode body = JSON.readTree(receiver.received().get(0).body());
        assertThat(body.get("kind").asString()).isEqualTo("SCHEDULER_MISSED_FIRE");
        assertThat(body.get("title").asString()).contains("schedule l3 MISSED its fire due at 2026-06-05T01:00+08:00");
        assertThat(body.get("text").asString()).contains("months [2026-05]");
    }

    Alerts alerts(WebhookFormat format) {
        Alerts alerts = new Alerts(properties(format), metadata(), Clock.systemUTC());
        opened.add(alerts);
        return alerts;
    }

    AlertProperties properties(WebhookFormat format) {
        return new AlertProperties(List.of(new AlertProperties.Webhook(receiver.url("/hooks/" + format), format, false)),
                Duration.ofDays(7), Duration.ofHours(1), Duration.ofSeconds(2), 3, Duration.ofMillis(50),
                Duration.ofSeconds(5));
    }

    static void settle(Alerts... alerts) throws InterruptedException {
        for (Alerts a : alerts) {
            assertThat(a.awaitIdle(Duration.ofSeconds(10))).isTrue();
        }
    }

    private static Reconciliation unreconciled(long uin) {
        ReconciliationReport.Row bad = row(uin, "105.00", "110.00");
        return Reconciliation.of(new ReconciliationReport(MONTH, List.of(row(100001L, "1.00", "1.00"), bad,
                row(100003L, "2.00", "2.00"))), List.of());
    }

    private static Reconciliation reconciled() {
        return Reconciliation.of(new ReconciliationReport(MONTH, List.of(row(100001L, "1.00", "1.00"))), List.of());
    }

    private static ReconciliationReport.Row row(long uin, String detail, String summary) {
        BigDecimal l3 = new BigDecimal(detail);
        BigDecimal sum = new BigDecimal(summary);
        BigDecimal difference = l3.subtract(sum).abs();
        return new ReconciliationReport.Row(uin, l3, sum, difference, difference.signum() == 0 ? "RECONCILED" : "UNRECONCILED");
    }
}
