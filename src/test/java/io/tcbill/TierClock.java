package io.tcbill;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Times a test tier: from the first test plan's start to the last one's end in the test JVM, written to the file named
 * by {@code tcbill.test.tier-time} (set by the pom for surefire and failsafe), which the build prints after the tier.
 * Registered through {@code META-INF/services}; does nothing when the property is not set (a run from an IDE).
 */
public final class TierClock implements TestExecutionListener {

    private static final AtomicLong STARTED = new AtomicLong();
    private static final AtomicLong TESTS = new AtomicLong();
    private static final AtomicLong FAILED = new AtomicLong();
    private static final AtomicLong SKIPPED = new AtomicLong();
    private static volatile TestPlan plan;

    @Override
    public void testPlanExecutionStarted(TestPlan testPlan) {
        plan = testPlan;
        STARTED.compareAndSet(0, System.nanoTime());
    }

    @Override
    public void executionFinished(TestIdentifier test, TestExecutionResult result) {
        if (test.isTest()) {
            TESTS.incrementAndGet();
            switch (result.getStatus()) {
                case FAILED -> FAILED.incrementAndGet();
                case ABORTED -> SKIPPED.incrementAndGet();
                default -> { }
            }
        }
    }

    @Override
    public void executionSkipped(TestIdentifier test, String reason) {
        // a class skipped as a whole (e.g. no Docker) counts each of its tests
        long tests = test.isTest() ? 1 : plan.getDescendants(test).stream().filter(TestIdentifier::isTest).count();
        TESTS.addAndGet(tests);
        SKIPPED.addAndGet(tests);
    }

    @Override
    public void testPlanExecutionFinished(TestPlan testPlan) {
        String file = System.getProperty("tcbill.test.tier-time");
        if (file == null || STARTED.get() == 0) {
            return;
        }
        double seconds = (System.nanoTime() - STARTED.get()) / 1e9;
        String line = String.format(Locale.ROOT, "%s tier: %d test(s) (%d failed, %d skipped) in %.1f s, timed in"
                + " the test JVM%n", System.getProperty("tcbill.test.tier", "test"), TESTS.get(), FAILED.get(), SKIPPED.get(),
                seconds);
        try {
            Files.writeString(Path.of(file), line);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the tier's time to " + file, e);
        }
    }
}
