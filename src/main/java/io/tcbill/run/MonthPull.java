package io.tcbill.run;

import io.tcbill.feed.FeedCatalog;
import io.tcbill.partner.ApiProperties;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The one use case behind {@code run}, {@code backfill}, {@code demo} and the scheduler: pull the requested feeds of a
 * month, one after the other, through the {@link MonthRunner}. The job reconciles the month when a reseller's l3 or
 * summaries load; the outcome reports where that stands. A shutdown signal ends the pull after the running feed.
 */
@Component
public class MonthPull {

    private static final Logger log = LoggerFactory.getLogger(MonthPull.class);

    private final MonthRunner runner;
    private final FeedCatalog catalog;
    private final ApiProperties api;
    private final List<FeedRunListener> outcomes;

    MonthPull(MonthRunner runner, FeedCatalog catalog, ApiProperties api, List<FeedRunListener> outcomes) {
        this.runner = runner;
        this.catalog = catalog;
        this.api = api;
        this.outcomes = List.copyOf(outcomes);
    }

    /**
     * Pulls {@code feeds} of the month (none: the configured role's feeds that have bills for it) for {@code customers}
     * (none: every customer), telling {@code listener} what happens.
     */
    public MonthOutcome pull(YearMonth month, List<String> feeds, List<Long> customers, Listener listener) {
        List<String> selected = feeds.isEmpty() ? served(month, catalog.namesFor(api.role()), catalog, listener) : feeds;
        List<FeedRun> runs = new ArrayList<>();
        for (String feed : selected) {
            FeedRun run = runner.run(month, feed, customers, listener.progress());
            runs.add(run);
            tell(run);
            listener.feedEnded(run);
            if (runner.stopping()) {
                // SIGTERM: the context is closing under us; what ran is STOPPED and the next run resumes it
                return new MonthOutcome(month, runs, true);
            }
        }
        return new MonthOutcome(month, runs, false);
    }

    /** Every outcome listener hears of the run; none can fail it. */
    private void tell(FeedRun run) {
        for (FeedRunListener outcome : outcomes) {
            try {
                outcome.feedEnded(run);
            } catch (RuntimeException e) {
                log.warn("{} {}: {} could not take the run's outcome: {}", run.feed(), run.month(),
                        outcome.getClass().getSimpleName(), e.getMessage());
            }
        }
    }

    /** The feeds that have bills for {@code month}; tells the listener about each one left out. */
    static List<String> served(YearMonth month, List<String> feeds, FeedCatalog catalog, Listener listener) {
        List<String> served = new ArrayList<>();
        for (String name : feeds) {
            YearMonth earliest = catalog.get(name).earliestMonth();
            if (month.isBefore(earliest)) {
                listener.feedSkipped(name, month, earliest);
            } else {
                served.add(name);
            }
        }
        return served;
    }

    /** What a pull reports while it works; every method has a do-nothing default. */
    public interface Listener {

        /** Reports nothing; the runs keep their log lines. */
        Listener NONE = new Listener() {
        };

        /** Where each run reports its files (a progress bar), {@link RunProgress#NONE} by default. */
        default RunProgress progress() {
            return RunProgress.NONE;
        }

        /** A default feed is left out: the Partner API has its bills from {@code earliest} on. */
        default void feedSkipped(String feed, YearMonth month, YearMonth earliest) {
        }

        /** One feed's run ended (the next one has not started). */
        default void feedEnded(FeedRun run) {
        }
    }
}
