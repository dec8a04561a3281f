package io.tcbill.alert;

import io.tcbill.PlainHttp;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where and how alerts go ({@code tcbill.alerts.*}). No webhook configured: no alert is sent nor recorded.
 *
 * <p>A webhook URL may hold a secret token (Slack's and Teams' do): set it from the environment
 * ({@code TCBILL_ALERTS_WEBHOOKS_0_URL}) or a secret file, never in a committed file; tcbill logs only its host.
 *
 * @param webhooks       where each alert is posted, each with its body format
 * @param lateAfter      a month is late when a feed has not loaded it this long after the month became final (7 days
 *                       by default: the summaries, commission and vouchers schedules fire on the 10th)
 * @param lateCheckEvery how often {@code tcbill schedule} looks for late months (also once at its start)
 * @param attemptTimeout longest one delivery attempt may take (connect and answer)
 * @param maxAttempts    attempts per webhook and alert, including the first, for a timeout, a refused connection, 429
 *                       or 5xx (a 4xx other than 429 is not retried)
 * @param initialBackoff wait before the first retry, doubled for each further one
 * @param giveUpAfter    total bound of one alert's delivery to one webhook, retries included; also how long a
 *                       command waits at its end for alerts still being delivered
 */
@ConfigurationProperties("tcbill.alerts")
public record AlertProperties(
        List<Webhook> webhooks,
        @DefaultValue("7d") Duration lateAfter,
        @DefaultValue("1h") Duration lateCheckEvery,
        @DefaultValue("10s") Duration attemptTimeout,
        @DefaultValue("4") int maxAttempts,
        @DefaultValue("2s") Duration initialBackoff,
        @DefaultValue("60s") Duration giveUpAfter) {

    public AlertProperties {
        webhooks = webhooks == null ? List.of() : List.copyOf(webhooks);
        lateAfter = lateAfter == null ? Duration.ofDays(7) : lateAfter;
        lateCheckEvery = lateCheckEvery == null ? Duration.ofHours(1) : lateCheckEvery;
        attemptTimeout = attemptTimeout == null ? Duration.ofSeconds(10) : attemptTimeout;
        initialBackoff = initialBackoff == null ? Duration.ofSeconds(2) : initialBackoff;
        giveUpAfter = giveUpAfter == null ? Duration.ofSeconds(60) : giveUpAfter;
        maxAttempts = maxAttempts == 0 ? 4 : maxAttempts;
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("tcbill.alerts.max-attempts must be at least 1, was " + maxAttempts);
        }
        for (Duration d : List.of(lateCheckEvery, attemptTimeout, initialBackoff, giveUpAfter)) {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("tcbill.alerts durations must be positive, was " + d);
            }
        }
        if (lateAfter.isNegative()) {
            throw new IllegalArgumentException("tcbill.alerts.late-after must not be negative, was " + lateAfter);
        }
    }

    /**
     * One webhook.
     *
     * @param url               the incoming-webhook URL (https; http only to loopback or with allow-insecure-http)
     * @param format            {@code generic} (tcbill's JSON: kind, feed, month, title, text, lines), {@code slack}
     *                          ({@code {"text": ...}}, also Mattermost, Rocket.Chat, Google Chat) or {@code teams}
     *                          (an Office 365 connector MessageCard)
     * @param allowInsecureHttp allow {@code http://} to a non-loopback host (a relay inside a private network)
     */
    public record Webhook(URI url, @DefaultValue("generic") WebhookFormat format,
                          @DefaultValue("false") boolean allowInsecureHttp) {

        public Webhook {
            format = format == null ? WebhookFormat.GENERIC : format;
            if (url == null || url.getHost() == null) {
                throw new IllegalArgumentException("tcbill.alerts.webhooks[].url must be an absolute http(s) URL");
            }
            if (!PlainHttp.permitted(url, allowInsecureHttp)) {
                throw new IllegalArgumentException("tcbill.alerts.webhooks[].url to " + url.getHost() + " must use https"
                        + " (http only to a loopback host, or with allow-insecure-http=true)");
            }
        }

        /** What logs and messages may say of it: scheme and host, never the path or query (Slack's token is there). */
        public String safeName() {
            return url.getScheme().toLowerCase(Locale.ROOT) + "://" + url.getHost() + (url.getPort() < 0 ? "" : ":"
                    + url.getPort()) + " (" + format.name().toLowerCase(Locale.ROOT) + ")";
        }

        @Override
        public String toString() {
            return safeName();
        }
    }
}
