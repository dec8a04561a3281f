package io.tcbill.alert;

import io.tcbill.feed.Feed;
import io.tcbill.run.BillCalendar;
import java.time.Clock;
import java.time.Duration;
import java.time.YearMonth;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessException;

/**
 * Looks for late months while {@code tcbill schedule} runs, at its start and every {@code late-check-every}: the
 * newest month that became final at least {@code late-after} ago is late for each scheduled feed of the role that
 * serves it and has no completed whole-month run of it. Each feed and month is told once.
 */
final class LateMonths implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(LateMonths.class);

    /** Whether a whole-month run of the feed has completed (the run history in the metadata database). */
    interface Loaded {
        boolean loaded(YearMonth month, String feed);
    }

    private final Alerts alerts;
    private final List<Feed> feeds;
    private final Loaded loaded;
    private final Duration lateAfter;
    private final Clock clock;
    private final Duration every;
    private final boolean scheduler;
    private ScheduledExecutorService timer;

    /** {@code scheduler}: started with the context, i.e. only in {@code tcbill schedule}. */
    LateMonths(Alerts alerts, List<Feed> feeds, Loaded loaded, AlertProperties properties, Clock clock,
               boolean scheduler) {
        this.alerts = alerts;
        this.feeds = List.copyOf(feeds);
        this.loaded = loaded;
        this.lateAfter = properties.lateAfter();
        this.every = properties.lateCheckEvery();
        this.clock = clock;
        this.scheduler = scheduler;
    }

    /** The month that is late now if a feed has not loaded it: final for at least {@code late-after}. */
    YearMonth dueMonth() {
        return BillCalendar.latestFinalMonth(Clock.offset(clock, lateAfter.negated()));
    }

    /** Fires an alert for each scheduled feed that has not loaded the due month; returns the feeds found late. */
    List<String> check() {
        YearMonth month = dueMonth();
        List<String> late = feeds.stream()
                .filter(feed -> !feed.schedules().isEmpty() && !month.isBefore(feed.earliestMonth()))
                .map(Feed::name)
                .filter(feed -> !loaded.loaded(month, feed))
                .toList();
        for (String feed : late) {
            alerts.fire(AlertEvents.late(feed, month, BillCalendar.finalAt(month), lateAfter));
        }
        return late;
    }

    /** Checks now and then every {@code late-check-every}, on a daemon thread of its own; a failed check is a WARN. */
    @Override
    public synchronized void start() {
        if (timer != null || !alerts.enabled()) {
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "tcbill-late-months");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleWithFixedDelay(this::checkSafely, 0, every.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void checkSafely() {
        try {
            check();
        } catch (DataAccessException | IllegalStateException e) {
            log.warn("could not check for late months in the metadata database: {}", e.getMessage());
        }
    }

    @Override
    public synchronized void stop() {
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return timer != null;
    }

    @Override
    public boolean isAutoStartup() {
        return scheduler;
    }
}
