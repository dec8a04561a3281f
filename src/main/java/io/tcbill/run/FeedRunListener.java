package io.tcbill.run;

/**
 * Told of every feed run's outcome by {@link MonthPull}, whichever entry point pulled the month ({@code run},
 * {@code backfill}, {@code demo}, the scheduler); e.g. the alerts. Must return quickly and never throw: what it does
 * with the outcome must not hold back or fail the pull (a throw is logged and ignored).
 */
public interface FeedRunListener {

    void feedEnded(FeedRun run);
}
