package io.tcbill.poll;

import java.time.Duration;

/** Waits between polls: {@link Thread#sleep} in production, a fake clock in tests. */
@FunctionalInterface
interface Sleeper {

    Sleeper THREAD = duration -> Thread.sleep(duration.toMillis());

    void sleep(Duration duration) throws InterruptedException;
}
