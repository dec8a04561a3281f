package io.tcbill.alert;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.tcbill.IntegrationTest;
import io.tcbill.run.FeedRun;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.YearMonth;
import java.util.List;
import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * How an alert is delivered, against a real HTTP receiver: retried with backoff on a transient answer, not on a client
 * error, given up within the bound when the receiver hangs, and never holding up the caller; a receiver that is down
 * is one WARN naming its host only, never the path that holds a Slack token.
 */
@IntegrationTest
class WebhookDeliveryIntegrationTest {

    private static final YearMonth MONTH = YearMonth.of(2026, 5);
    private static final String TOKEN_PATH = "/services/T0001/B0002/s3cr3tT0k3nXyz";

    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final Logger alertsLog = (Logger) LoggerFactory.getLogger(Alerts.class);
    private WebhookReceiver receiver;
    private JdbcDataSource metadata;
    private Alerts alerts;

    @BeforeEach
    void start() {
        receiver = WebhookReceiver.start();
        metadata = new JdbcDataSource();
        metadata.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        logs.start();
        alertsLog.addAppender(logs);
    }

    @AfterEach
    void stop() {
        if (alerts != null) {
            alerts.close();
        }
        alertsLog.detachAppender(logs);
        receiver.close();
    }

    @Test
    void aReceiverThatIsDownCostsTheRunNothingAndIsOneWarnNamingOnlyItsHost() throws Exception {
        // given a Slack-like webhook whose path holds the token, on a port where nothing listens
        URI down = WebhookReceiver.down(TOKEN_PATH);
        alerts = alerts(down, Duration.ofSeconds(2), 3, Duration.ofSeconds(10));

        // when a failed run is told
        long started = System.nanoTime();
        new RunAlerts(alerts).feedEnded(failed());
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertThat(alerts.awaitIdle(Duration.ofSeconds(10))).isTrue();

        // then the caller did not wait for the retries, and after them there is one WARN, with the host and no token
        assertThat(took).isLessThan(Duration.ofMillis(500));
        List<ILoggingEvent> warnings = logs.list.stream().filter(e -> e.getLevel() == Level.WARN).toList();
        assertThat(warnings).hasSize(1);
        String warning = warnings.get(0).getFormattedMessage();
        assertThat(warning).contains("feed l3 FAILED for 2026-05").contains("not delivered to http://127.0.0.1:"
                + down.getPort() + " (slack)").contains("3 attempts").doesNotContain("s3cr3t").doesNotContain("/services");
        assertThat(new FiredAlerts(metadata, Clock.systemUTC()).delivery("feed-failed/l3/2026-05"))
                .isEqualTo(FiredAlerts.Delivery.FAILED);
    }

    @Test
    void transientAnswersAreRetriedWithBackoffUntilTheReceiverTakesIt() throws Exception {
        // given a receiver that is busy twice (503, 429) before it takes the alert
        receiver.answer(503, 429);
        alerts = alerts(receiver.url(TOKEN_PATH), Duration.ofSeconds(2), 4, Duration.ofSeconds(10));

        // when
        new RunAlerts(alerts).feedEnded(failed());
        assertThat(alerts.awaitIdle(Duration.ofSeconds(10))).isTrue();

        // then three posts of the same body, the last taken; no warning
        assertThat(receiver.received()).hasSize(3).extracting(WebhookReceiver.Received::body).containsOnly(
                receiver.received().get(0).body());
        assertThat(receiver.received().get(0).contentType()).startsWith("application/json");
        assertThat(logs.list).noneMatch(e -> e.getLevel() == Level.WARN);
        assertThat(new FiredAlerts(metadata, Clock.systemUTC()).delivery("feed-failed/l3/2026-05"))
                .isEqualTo(FiredAlerts.Delivery.DELIVERED);
    }

    @Test
    void aClientErrorIsNotRetried() throws Exception {
        // given a receiver that refuses the alert (a revoked webhook answers 404)
        receiver.answer(404);
        alerts = alerts(receiver.url(TOKEN_PATH), Duration.ofSeconds(2), 4, Duration.ofSeconds(10));

        // when
        new RunAlerts(alerts).feedEnded(failed());
        assertThat(alerts.awaitIdle(Duration.ofSeconds(10))).isTrue();

        // then one post and one WARN saying the status
        assertThat(receiver.received()).hasSize(1);
        assertThat(logs.list).filteredOn(e -> e.getLevel() == Level.WARN).singleElement()
                .satisfies(e -> assertThat(e.getFormattedMessage()).contains("HTTP 404 (1 attempt)"));
    }

    @Test
    void aReceiverThatHangsIsGivenUpWithinTheTotalBound() throws Exception {
        // given a receiver that answers after 5 s, each attempt bounded at 300 ms and the whole delivery at 1 s
        receiver.hangFor(Duration.ofSeconds(5));
        alerts = alerts(receiver.url(TOKEN_PATH), Duration.ofMillis(300), 10, Duration.ofSeconds(1));

        // when
        long started = System.nanoTime();
        new RunAlerts(alerts).feedEnded(failed());
        assertThat(alerts.awaitIdle(Duration.ofSeconds(10))).isTrue();
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        // then it gave up within the bound (plus one attempt), well before ten attempts of 300 ms and their backoff
        assertThat(took).isLessThan(Duration.ofMillis(2500));
        assertThat(receiver.received().size()).isBetween(1, 4);
        assertThat(logs.list).filteredOn(e -> e.getLevel() == Level.WARN).singleElement()
                .satisfies(e -> assertThat(e.getFormattedMessage()).contains("not delivered"));
    }

    private Alerts alerts(URI url, Duration attemptTimeout, int attempts, Duration giveUpAfter) {
        AlertProperties properties = new AlertProperties(List.of(new AlertProperties.Webhook(url, WebhookFormat.SLACK,
                false)), Duration.ofDays(7), Duration.ofHours(1), attemptTimeout, attempts, Duration.ofMillis(50),
                giveUpAfter);
        return new Alerts(properties, metadata, Clock.systemUTC());
    }

    private static FeedRun failed() {
        return new FeedRun("l3", MONTH, false, 5, 0, "customer 100001: file not ready after 30m", 0);
    }
}
