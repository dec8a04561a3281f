package io.tcbill.alert;

import java.time.Clock;
import java.time.Duration;
import java.time.YearMonth;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;

/**
 * Tells people what happened: fires an {@link Alert} once per event (recorded in the metadata database) and posts it
 * to every configured webhook on a background thread, so a run never waits for, nor fails because of, a webhook. A
 * webhook that does not take an alert within its retries is one WARN line naming its host. Closing waits up to
 * {@code give-up-after} for the alerts still being delivered (a command's last run's alert goes out before it exits).
 */
public final class Alerts implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Alerts.class);
    private static final int QUEUE = 100;

    private final AlertProperties properties;
    private final FiredAlerts fired;
    private final WebhookDelivery delivery;
    private final ThreadPoolExecutor sender;

    /** Alerts to the configured webhooks, recorded in the metadata database {@code metadata}. */
    public Alerts(AlertProperties properties, DataSource metadata, Clock clock) {
        this.properties = properties;
        this.fired = new FiredAlerts(metadata, clock);
        this.delivery = new WebhookDelivery(properties, clock);
        this.sender = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(QUEUE), task -> {
            Thread thread = new Thread(task, "tcbill-alerts");
            thread.setDaemon(true);
            return thread;
        });
        if (enabled()) {
            fired.createTableIfMissing();
        }
    }

    /** Whether any webhook is configured; without one nothing is fired nor recorded. */
    boolean enabled() {
        return !properties.webhooks().isEmpty();
    }

    /**
     * Sends the alert to every webhook unless its event fired before; returns at once. Never throws: a metadata
     * database that cannot record it is a WARN and no alert (so a flapping database does not repeat one).
     */
    void fire(Alert alert) {
        if (!enabled()) {
            return;
        }
        try {
            if (!fired.claim(alert)) {
                log.debug("alert {} fired before, not sent again", alert.key());
                return;
            }
        } catch (DataAccessException e) {
            log.warn("alert {} not sent: could not record it in the metadata database ({})", alert.title(),
                    e.getMostSpecificCause().getMessage());
            return;
        }
        log.info("alert: {}", alert.title());
        try {
            sender.execute(() -> send(alert));
        } catch (RejectedExecutionException e) {
            log.warn("alert {} not sent: {} alerts are already waiting for delivery, or tcbill is shutting down",
                    alert.title(), QUEUE);
            record(alert, FiredAlerts.Delivery.FAILED);
        }
    }

    /**
     * A schedule's fire was due at {@code due} while no scheduler ran and runs late, now: told once per schedule and
     * due time, however many instances catch it up.
     */
    public void missedFire(String schedule, String feed, ZonedDateTime due, ZonedDateTime ranAt, List<YearMonth> months) {
        fire(AlertEvents.missedFire(schedule, feed, due, ranAt, months));
    }

    /** The condition of {@code key} is over (the feed loaded, the month reconciled): the next one fires again. */
    void resolve(String key) {
        if (!enabled()) {
            return;
        }
        try {
            if (fired.resolve(key)) {
                log.debug("alert {} resolved", key);
            }
        } catch (DataAccessException e) {
            log.debug("could not resolve alert {}: {}", key, e.getMostSpecificCause().getMessage());
        }
    }

    private void send(Alert alert) {
        boolean all = true;
        for (AlertProperties.Webhook webhook : properties.webhooks()) {
            try {
                delivery.deliver(alert, webhook);
            } catch (WebhookDelivery.Undelivered e) {
                all = false;
                log.warn("alert {} not delivered to {}: {}", alert.title(), webhook.safeName(), e.getMessage());
            } catch (RuntimeException e) {
                // a bug must not kill the sender thread; the message may quote the URL, so only the class is said
                all = false;
                log.warn("alert {} not delivered to {}: {}", alert.title(), webhook.safeName(),
                        e.getClass().getSimpleName());
            }
        }
        record(alert, all ? FiredAlerts.Delivery.DELIVERED : FiredAlerts.Delivery.FAILED);
    }

    private void record(Alert alert, FiredAlerts.Delivery outcome) {
        try {
            fired.delivered(alert, outcome);
        } catch (DataAccessException e) {
            log.debug("could not record the delivery of alert {}: {}", alert.key(), e.getMostSpecificCause().getMessage());
        }
    }

    /** Waits up to {@code give-up-after} for alerts being delivered, then abandons the rest saying how many. */
    @Override
    public void close() {
        sender.shutdown();
        try {
            if (!sender.awaitTermination(properties.giveUpAfter().toMillis() + 1000, TimeUnit.MILLISECONDS)) {
                List<Runnable> left = sender.shutdownNow();
                log.warn("{} alert(s) not delivered: tcbill stopped after waiting {} for the webhooks", left.size() + 1,
                        properties.giveUpAfter());
            }
        } catch (InterruptedException e) {
            sender.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    /** Test hook: waits until the alerts queued so far are delivered or given up. */
    boolean awaitIdle(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (sender.getCompletedTaskCount() < sender.getTaskCount() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        return sender.getCompletedTaskCount() == sender.getTaskCount();
    }
}
