package io.tcbill.run;

import java.time.YearMonth;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@link RunProgress} of each month and feed running in this JVM, for the steps to report to: the runner registers
 * one for the duration of a run (one run per month and feed at a time, see {@link RunLock}), the steps look it up by
 * their job parameters. A run without one reports to {@link RunProgress#NONE}.
 */
public final class ProgressListeners {

    private final Map<String, RunProgress> listeners = new ConcurrentHashMap<>();

    /** Reports the run of {@code feed} for {@code month} to {@code progress} until the registration is closed. */
    Registration register(YearMonth month, String feed, RunProgress progress) {
        String key = key(month, feed);
        if (progress == RunProgress.NONE) {
            return () -> { };
        }
        listeners.put(key, progress);
        return () -> listeners.remove(key, progress);
    }

    /** Where the steps of that run report; {@link RunProgress#NONE} when nobody listens. */
    public RunProgress of(YearMonth month, String feed) {
        return listeners.getOrDefault(key(month, feed), RunProgress.NONE);
    }

    private static String key(YearMonth month, String feed) {
        return month + "/" + feed;
    }

    /** A registration; closing it never fails. */
    interface Registration extends AutoCloseable {
        @Override
        void close();
    }
}
