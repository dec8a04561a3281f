package io.tcbill.schedule;

import io.tcbill.run.FeedRun;
import io.tcbill.run.MonthOutcome;
import java.time.Duration;
import java.time.YearMonth;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiFunction;

/** A launcher that records every launch and answers with a chosen outcome, to count what the scheduler fired. */
final class RecordingLauncher implements FeedLauncher {

    /** One launch, and on which scheduler instance (or thread) it ran. */
    record Launch(String feed, YearMonth month, String instance) {
    }

    private final List<Launch> launches = new CopyOnWriteArrayList<>();
    private final BiFunction<YearMonth, String, FeedRun> outcome;

    RecordingLauncher() {
        this((month, feed) -> new FeedRun(feed, month, true, 7, 100, null, 0.5));
    }

    RecordingLauncher(BiFunction<YearMonth, String, FeedRun> outcome) {
        this.outcome = outcome;
    }

    @Override
    public MonthOutcome launch(YearMonth month, String feed) {
        return launch(month, feed, Thread.currentThread().getName());
    }

    /** The same recorder, for the jobs of one scheduler instance. */
    FeedLauncher on(String instance) {
        return (month, feed) -> launch(month, feed, instance);
    }

    private MonthOutcome launch(YearMonth month, String feed, String instance) {
        launches.add(new Launch(feed, month, instance));
        return new MonthOutcome(month, List.of(outcome.apply(month, feed)), false);
    }

    List<Launch> launches() {
        return List.copyOf(launches);
    }

    /** Waits until at least {@code count} launches happened (or the timeout passed), then {@code settle} more. */
    List<Launch> awaitLaunches(int count, Duration timeout, Duration settle) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (launches.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        Thread.sleep(settle.toMillis());
        return launches();
    }
}
