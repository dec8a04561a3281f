package io.tcbill.poll;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.tcbill.partner.DownloadLink;
import io.tcbill.partner.PartnerApiException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** The poller on a fake clock: sleeping moves the clock, so the test is instant and the waits are exact. */
class ReadyPollerTest {

    private static final String URL = "https://b.cos.ap-singapore.myqcloud.com/L3-bill_details.csv?sign=x";

    private final FakeClock clock = new FakeClock();
    private final List<Duration> sleeps = new ArrayList<>();
    private final Sleeper sleeper = d -> {
        sleeps.add(d);
        clock.advance(d);
    };
    private final ReadyPoller poller = new ReadyPoller(
            new PollProperties(Duration.ofSeconds(2), Duration.ofSeconds(10), 2.0, Duration.ofSeconds(60)), clock, sleeper);

    @Test
    void returnsTheUrlOnceReadyWithBackoffCappedAtMaxInterval() {
        // given: 5 "generating" answers, then ready
        Supplier<DownloadLink> api = script(notReady(), notReady(), notReady(), notReady(), notReady(),
                new DownloadLink(true, URL));

        // when
        String url = poller.awaitReady("l3 bill 2024-12", api);

        // then
        assertThat(url).isEqualTo(URL);
        assertThat(sleeps).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(8),
                Duration.ofSeconds(10), Duration.ofSeconds(10));
    }

    @Test
    void readyAtFirstPollDoesNotSleep() {
        assertThat(poller.awaitReady("commission 2024-12", script(new DownloadLink(true, URL)))).isEqualTo(URL);
        assertThat(sleeps).isEmpty();
    }

    @Test
    void readyWithoutUrlFailsAtOnceInsteadOfBlamingTheMonth() {
        // given an API that says the file is generated but gives no link (was: polled to the deadline, "month not final")
        PartnerApiException e = catchThrowableOfType(PartnerApiException.class,
                () -> poller.awaitReady("l2 bill 2024-12", script(new DownloadLink(true, ""), new DownloadLink(true, URL))));

        // then it fails at the first poll, terminal, saying what the API answered
        assertThat(sleeps).isEmpty();
        assertThat(e.isTransient()).isFalse();
        assertThat(e.code()).isEqualTo("InconsistentAnswer");
        assertThat(e.getMessage()).contains("l2 bill 2024-12").contains("Ready=1 without a usable DownloadUrl (empty)")
                .doesNotContain("month may not be final");
    }

    @Test
    void readyWithALinkThatIsNoHttpUrlFailsAtOnce() {
        PartnerApiException e = catchThrowableOfType(PartnerApiException.class,
                () -> poller.awaitReady("l2 bill 2024-12", script(new DownloadLink(true, "file:///etc/passwd"))));
        assertThat(sleeps).isEmpty();
        assertThat(e.getMessage()).contains("Ready=1 without a usable DownloadUrl (not an http(s) URL with a host)");
    }

    @Test
    void deadlineExceededSaysWhatHowLongAndWhatToDo() {
        // when: never ready; 60 s deadline with waits 2, 4, 8, 10, 10, 10, 10, then the 6 s left
        FileNotReadyException e = catchThrowableOfType(FileNotReadyException.class,
                () -> poller.awaitReady("l3 bill 2024-12 of customer 800000425835", this::notReady));

        // then
        assertThat(sleeps).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(8),
                Duration.ofSeconds(10), Duration.ofSeconds(10), Duration.ofSeconds(10), Duration.ofSeconds(10),
                Duration.ofSeconds(6));
        assertThat(e.polls()).isEqualTo(9);
        assertThat(e.waited()).isEqualTo(Duration.ofSeconds(60));
        assertThat(e.getMessage()).startsWith("l3 bill 2024-12 of customer 800000425835 was not ready after waiting 1m00s")
                .contains("9 polls", "tcbill.poll.deadline 1m00s", "the month may not be final yet", "run again later");
    }

    @Test
    void aDeadlineReachedWhileTheApiFailsNamesTheFailureAndTheConfiguredDeadlineNotTheMonth() {
        // given a 20 s deadline and an API that cannot be reached: each poll takes 24 s of the client's retries
        // (was: "was not ready after waiting 24s ... the month may not be final yet")
        ReadyPoller short20 = new ReadyPoller(
                new PollProperties(Duration.ofSeconds(2), Duration.ofSeconds(10), 2.0, Duration.ofSeconds(20)), clock,
                sleeper);
        PartnerApiException refused = new PartnerApiException("DescribeBillDownloadUrl", "ConnectionRefused",
                "connection refused by 127.0.0.1:9 (tcbill.api.endpoint http://127.0.0.1:9)", null, true);

        // when
        PartnerApiException e = catchThrowableOfType(PartnerApiException.class, () -> short20.awaitReady("l3 2026-10",
                () -> {
                    clock.advance(Duration.ofSeconds(24));
                    throw refused;
                }));

        // then: the failure, its host and port, and the deadline actually configured
        assertThat(e).isNotInstanceOf(FileNotReadyException.class);
        assertThat(e.code()).isEqualTo("ConnectionRefused");
        assertThat(e.isTransient()).isTrue();
        assertThat(e.getMessage()).contains("l3 2026-10", "127.0.0.1:9", "tcbill.poll.deadline 20s")
                .doesNotContain("not ready", "may not be final");
    }

    @Test
    void aFailureBeforeAnAnswerThatSaysNotReadyStillEndsAsNotReady() {
        ReadyPoller short20 = new ReadyPoller(
                new PollProperties(Duration.ofSeconds(2), Duration.ofSeconds(10), 2.0, Duration.ofSeconds(20)), clock,
                sleeper);
        Deque<Object> answers = new ArrayDeque<>(List.of(
                new PartnerApiException("DescribeBillDownloadUrl", "RequestLimitExceeded", "busy", "r1", true)));

        FileNotReadyException e = catchThrowableOfType(FileNotReadyException.class, () -> short20.awaitReady("l3 bill",
                () -> {
                    Object next = answers.poll();
                    if (next instanceof PartnerApiException failure) {
                        throw failure;
                    }
                    return notReady();
                }));

        assertThat(e.getMessage()).contains("tcbill.poll.deadline 20s");
    }

    @Test
    void transientApiErrorsCountAsNotReady() {
        Deque<Object> answers = new ArrayDeque<>(List.of(
                new PartnerApiException("DescribeBillDownloadUrl", "RequestLimitExceeded", "busy", "r1", true),
                notReady(),
                new DownloadLink(true, URL)));
        String url = poller.awaitReady("l3 bill", () -> {
            Object next = answers.poll();
            if (next instanceof PartnerApiException e) {
                throw e;
            }
            return (DownloadLink) next;
        });
        assertThat(url).isEqualTo(URL);
        assertThat(sleeps).hasSize(2);
    }

    @Test
    void terminalApiErrorPropagatesAtOnce() {
        PartnerApiException terminal = new PartnerApiException("DescribeBillDownloadUrl",
                "InvalidParameterValue.InvalidMonth", "Incorrect month value", "r2", false);

        PartnerApiException e = catchThrowableOfType(PartnerApiException.class, () -> poller.awaitReady("l3 bill", () -> {
            throw terminal;
        }));

        assertThat(e).isSameAs(terminal);
        assertThat(sleeps).isEmpty();
    }

    @Test
    void propertiesAreValidated() {
        assertThat(new PollProperties(null, null, 1.0, null).deadline()).isEqualTo(Duration.ofMinutes(30));
        assertThat(catchThrowableOfType(IllegalArgumentException.class,
                () -> new PollProperties(Duration.ofSeconds(2), Duration.ofSeconds(60), 0.5, Duration.ofMinutes(1))))
                .hasMessageContaining("multiplier");
    }

    private DownloadLink notReady() {
        return new DownloadLink(false, "");
    }

    private static Supplier<DownloadLink> script(DownloadLink... links) {
        Deque<DownloadLink> answers = new ArrayDeque<>(List.of(links));
        return answers::poll;
    }

    private static final class FakeClock extends Clock {
        private Instant now = Instant.parse("2025-01-05T01:30:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
