package io.tcbill.poll;

import io.tcbill.partner.DownloadLink;
import io.tcbill.partner.PartnerApiException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Asks for a download link until the file is generated ({@code Ready = 1} with a URL), waiting longer between
 * polls up to a cap, and gives up at a deadline with {@link FileNotReadyException}. Transient API errors are polled
 * through, but when the last poll before the deadline failed that failure is thrown (the API unreachable, busy or
 * rate limited, with the deadline named), not "not ready"; terminal ones propagate at once, as does an answer {@code Ready = 1} without a usable link (a
 * terminal {@code InconsistentAnswer}: the file is generated, so waiting longer would not help and the month is not
 * to blame).
 */
@Component
public final class ReadyPoller {

    private static final Logger log = LoggerFactory.getLogger(ReadyPoller.class);

    private final PollProperties properties;
    private final Clock clock;
    private final Sleeper sleeper;

    @Autowired
    public ReadyPoller(PollProperties properties) {
        this(properties, Clock.systemUTC(), Sleeper.THREAD);
    }

    ReadyPoller(PollProperties properties, Clock clock, Sleeper sleeper) {
        this.properties = properties;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /**
     * Polls {@code request} until it returns a usable link and returns the URL.
     *
     * @param what names the file in logs and messages, e.g. {@code "l3 bill 2024-12 of customer 800000425835"}
     */
    public String awaitReady(String what, Supplier<DownloadLink> request) {
        Instant start = clock.instant();
        Instant deadline = start.plus(properties.deadline());
        Duration interval = properties.initialInterval();
        for (int polls = 1; ; polls++) {
            Poll poll = poll(what, request, polls);
            if (poll.url() != null) {
                if (polls > 1) {
                    log.info("{} is ready after {} polls", what, polls);
                }
                return poll.url();
            }
            Duration remaining = Duration.between(clock.instant(), deadline);
            if (remaining.isNegative() || remaining.isZero()) {
                Duration waited = Duration.between(start, clock.instant());
                if (poll.failure() != null) {
                    // the API was unreachable, busy or rate limited to the end: that, not the month, is the cause
                    throw poll.failure().whileWaiting(what, FileNotReadyException.human(waited) + ", " + polls
                            + " poll(s)", "tcbill.poll.deadline " + FileNotReadyException.human(properties.deadline()));
                }
                throw new FileNotReadyException(what, waited, polls, properties.deadline());
            }
            Duration wait = interval.compareTo(remaining) < 0 ? interval : remaining;
            log.info("waiting for {}: not ready after {} polls, next in {}s", what, polls, seconds(wait));
            sleep(what, wait);
            interval = next(interval);
        }
    }

    /** The URL if ready; else no URL and, when the poll failed with a transient error rather than "not ready", it. */
    private record Poll(String url, PartnerApiException failure) {
    }

    private Poll poll(String what, Supplier<DownloadLink> request, int polls) {
        try {
            DownloadLink link = request.get();
            if (link != null && link.readyWithoutLink()) {
                throw new PartnerApiException("the download-URL action for " + what, "InconsistentAnswer",
                        "the API answered Ready=1 without a usable DownloadUrl (" + link.linkProblem() + ")", null,
                        false);
            }
            return new Poll(link != null && link.usable() ? link.downloadUrl() : null, null);
        } catch (PartnerApiException e) {
            if (!e.isTransient()) {
                throw e;
            }
            log.info("waiting for {}: poll {} failed with transient {}, polling on until tcbill.poll.deadline", what,
                    polls, e.code());
            return new Poll(null, e);
        }
    }

    private Duration next(Duration interval) {
        double nanos = interval.toNanos() * properties.multiplier();
        long capped = (long) Math.min(nanos, (double) properties.maxInterval().toNanos());
        return Duration.ofNanos(capped);
    }

    private void sleep(String what, Duration wait) {
        try {
            sleeper.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            CancellationException cancelled = new CancellationException("interrupted while waiting for " + what);
            cancelled.initCause(e);
            throw cancelled;
        }
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? Long.toString(d.toSeconds())
                : String.format(Locale.ROOT, "%.1f", d.toMillis() / 1000.0);
    }
}
