package io.tcbill.alert;

import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts an alert to one webhook: each attempt bounded by {@code attempt-timeout}, a refused connection, a timeout, 429
 * or 5xx retried with exponential backoff (Resilience4j) up to {@code max-attempts} and within {@code give-up-after};
 * any other answer is final. Says only the webhook's host, never its path or query (a Slack URL's token).
 */
final class WebhookDelivery {

    private static final Logger log = LoggerFactory.getLogger(WebhookDelivery.class);

    private final HttpClient http;
    private final AlertProperties properties;
    private final Clock clock;

    WebhookDelivery(AlertProperties properties, Clock clock) {
        this.properties = properties;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(properties.attemptTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** Delivers or throws {@link Undelivered} saying why, after the retries the failure allows. */
    void deliver(Alert alert, AlertProperties.Webhook webhook) {
        long giveUpAt = System.nanoTime() + properties.giveUpAfter().toNanos();
        Retry retry = Retry.of("alert-webhook", RetryConfig.<Void>custom()
                .maxAttempts(properties.maxAttempts())
                .intervalFunction(IntervalFunction.ofExponentialBackoff(properties.initialBackoff(), 2.0))
                // a retry that would start after the bound is not made: the bound holds whatever the attempts say
                .retryOnException(e -> e instanceof Undelivered u && u.transientFailure()
                        && System.nanoTime() + properties.initialBackoff().toNanos() < giveUpAt)
                .failAfterMaxAttempts(false)
                .build());
        retry.getEventPublisher().onRetry(event -> log.debug("alert {} to {}: attempt {} failed ({}), retrying in {} ms",
                alert.kind(), webhook.safeName(), event.getNumberOfRetryAttempts(),
                event.getLastThrowable().getMessage(), event.getWaitInterval().toMillis()));
        String body = webhook.format().json(alert, clock.instant());
        int[] attempts = {0};
        try {
            Retry.decorateRunnable(retry, () -> {
                attempts[0]++;
                post(body, webhook, giveUpAt);
            }).run();
        } catch (Undelivered e) {
            throw new Undelivered(e.getMessage() + " (" + attempts[0] + (attempts[0] == 1 ? " attempt)" : " attempts)"),
                    false);
        }
    }

    private void post(String body, AlertProperties.Webhook webhook, long giveUpAt) {
        Duration left = Duration.ofNanos(giveUpAt - System.nanoTime());
        if (left.isNegative() || left.isZero()) {
            throw new Undelivered("gave up after " + properties.giveUpAfter() + " (tcbill.alerts.give-up-after)", false);
        }
        Duration timeout = left.compareTo(properties.attemptTimeout()) < 0 ? left : properties.attemptTimeout();
        HttpRequest request = HttpRequest.newBuilder(webhook.url()).timeout(timeout)
                .header("Content-Type", "application/json; charset=utf-8")
                .header("User-Agent", "tcbill-alerts")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
        HttpResponse<Void> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.discarding());
        } catch (IOException e) {
            // the JDK names only the host in these (a timeout, a refused connection); still, say the class alone
            throw new Undelivered(e.getClass().getSimpleName().replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(), true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Undelivered("interrupted: tcbill is shutting down", false);
        }
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return;
        }
        throw new Undelivered("HTTP " + status, status == 429 || status >= 500);
    }

    /** The webhook did not take the alert; {@code transientFailure} says whether another attempt may. */
    static final class Undelivered extends RuntimeException {

        private final boolean transientFailure;

        Undelivered(String message, boolean transientFailure) {
            super(message, null, false, false);
            this.transientFailure = transientFailure;
        }

        boolean transientFailure() {
            return transientFailure;
        }
    }
}
