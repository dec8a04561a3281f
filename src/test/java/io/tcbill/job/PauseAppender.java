package io.tcbill.job;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Test-only logback appender for the child JVMs of {@link CrashRestartIntegrationTest}: the thread that logs the n-th
 * line containing {@code -Dtcbill.test.pause-at} ({@code -Dtcbill.test.pause-after}, default 1) stops right after the
 * line is written, so the parent can kill the process at exactly that point of the job.
 */
public final class PauseAppender extends AppenderBase<ILoggingEvent> {

    private final String pauseAt = System.getProperty("tcbill.test.pause-at", "");
    private final int pauseAfter = Integer.getInteger("tcbill.test.pause-after", 1);
    private final AtomicInteger seen = new AtomicInteger();

    @Override
    protected void append(ILoggingEvent event) {
        if (pauseAt.isEmpty() || !event.getFormattedMessage().contains(pauseAt) || seen.incrementAndGet() != pauseAfter) {
            return;
        }
        System.err.println("PAUSED at " + pauseAt);
        System.err.flush();
        while (true) {
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                // keep pausing: only the parent's kill ends this
            }
        }
    }
}
