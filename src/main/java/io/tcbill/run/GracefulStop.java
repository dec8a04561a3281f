package io.tcbill.run;

import io.tcbill.job.MonthlyBillsJob;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobExecutionNotRunningException;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextClosedEvent;

/**
 * Stops this JVM's runs cleanly when the context closes (SIGTERM, Ctrl-C): no new run starts, running executions are
 * asked to stop through Spring Batch and their waiting threads are interrupted, and the close waits up to
 * {@code tcbill.job.stop-timeout} for them to end STOPPED before the database and storage go away. The next
 * {@code run} resumes them.
 */
final class GracefulStop implements ApplicationListener<ContextClosedEvent> {

    private static final Logger log = LoggerFactory.getLogger(GracefulStop.class);

    private final JobOperator jobOperator;
    private final JobRepository jobRepository;
    private final LocalExecutions executions;
    private final Duration timeout;
    private final AtomicBoolean closing = new AtomicBoolean();
    private final AtomicInteger active = new AtomicInteger();
    private final Object idle = new Object();

    GracefulStop(JobOperator jobOperator, JobRepository jobRepository, LocalExecutions executions, Duration timeout) {
        this.jobOperator = jobOperator;
        this.jobRepository = jobRepository;
        this.executions = executions;
        this.timeout = timeout;
    }

    /** Registers a run about to start; false once shutting down (then it must not start). */
    boolean enter() {
        active.incrementAndGet();
        if (closing.get()) {
            exit();
            return false;
        }
        return true;
    }

    void exit() {
        if (active.decrementAndGet() == 0) {
            synchronized (idle) {
                idle.notifyAll();
            }
        }
    }

    boolean closing() {
        return closing.get();
    }

    @Override
    public void onApplicationEvent(ContextClosedEvent event) {
        closing.set(true);
        if (active.get() == 0) {
            return;
        }
        for (Long id : executions.ids()) {
            stop(id);
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (idle) {
            while (active.get() > 0 && System.nanoTime() < deadline) {
                try {
                    idle.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        if (active.get() > 0) {
            log.warn("{} run(s) did not stop within {}; shutting down anyway, the next run recovers them",
                    active.get(), timeout);
        }
    }

    private void stop(long id) {
        JobExecution execution = jobRepository.getJobExecution(id);
        log.warn("stopping execution {} ({} {}): the next run resumes it", id,
                execution == null ? "?" : MonthlyBillsJob.feed(execution),
                execution == null ? "?" : MonthlyBillsJob.month(execution));
        try {
            if (execution != null) {
                jobOperator.stop(execution);
            }
        } catch (JobExecutionNotRunningException e) {
            log.info("execution {} already ended", id);
        } catch (RuntimeException e) {
            log.warn("could not mark execution {} STOPPING: {}", id, e.getMessage());
        }
        executions.interrupt(id);
    }
}
