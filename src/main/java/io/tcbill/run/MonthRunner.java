package io.tcbill.run;

import io.tcbill.job.MonthlyBillsJob;
import java.time.YearMonth;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * Runs the monthly job for a month and feed: restarts the last attempt if it failed or stopped (so files already
 * archived are reused and only unfinished files, and files whose object failed to load, are fetched again), otherwise
 * starts a new attempt, which replaces the
 * month in DuckDB. A month and feed runs in one process at a time (a lock row in the metadata database); an execution
 * left running by a process that died is recovered and resumed, one still running elsewhere is a clear refusal.
 */
@Component
public class MonthRunner {

    private static final Logger log = LoggerFactory.getLogger(MonthRunner.class);

    /** Why a run a shutdown signal ended is STOPPED; also what {@code status} shows for it. */
    public static final String STOPPED = "stopped by a shutdown signal before the end; run again to resume it (files"
            + " already archived are kept)";
    /** How a refusal begins: the month and feed runs elsewhere (not a failure of the feed, see {@link FeedRun#refused()}). */
    static final String ALREADY_RUNNING = "already running ";
    private static final String NOT_STARTED = "not started: tcbill is shutting down";

    private final JobOperator jobOperator;
    private final JobRepository jobRepository;
    private final RunHistory history;
    private final Job monthlyBillsJob;
    private final RunLock lock;
    private final StaleExecutions stale;
    private final GracefulStop stop;
    private final ProgressListeners progress;

    MonthRunner(JobOperator jobOperator, JobRepository jobRepository, RunHistory history, Job monthlyBillsJob,
                RunLock lock, StaleExecutions stale, GracefulStop stop, ProgressListeners progress) {
        this.jobOperator = jobOperator;
        this.jobRepository = jobRepository;
        this.history = history;
        this.monthlyBillsJob = monthlyBillsJob;
        this.lock = lock;
        this.stale = stale;
        this.stop = stop;
        this.progress = progress;
    }

    /** Runs one feed for one month; {@code customers} empty means every customer (the whole month). */
    public FeedRun run(YearMonth month, String feed, List<Long> customers) {
        return run(month, feed, customers, RunProgress.NONE);
    }

    /** The same, reporting the files archived and loaded to {@code listener} while it runs (a progress bar). */
    public FeedRun run(YearMonth month, String feed, List<Long> customers, RunProgress listener) {
        if (!stop.enter()) {
            return FeedRun.stopped(feed, month, -1, 0, NOT_STARTED, 0);
        }
        // the job adds its execution id once it starts (RunLogContext); until then the lines name feed and month
        try (MDC.MDCCloseable runId = MDC.putCloseable(RunLogContext.RUN_ID, feed + "/" + month);
             RunLock.Lease lease = lock.acquire(MonthlyBillsJob.NAME + "/" + month + "/" + feed);
             ProgressListeners.Registration reporting = progress.register(month, feed, listener)) {
            return runLocked(month, feed, customers);
        } catch (RunLock.HeldException e) {
            return new FeedRun(feed, month, false, -1, 0, refusal(month, feed, customers, e), 0);
        } catch (DataAccessException e) {
            return new FeedRun(feed, month, false, -1, 0, "could not take the run lock in the metadata database: "
                    + e.getMostSpecificCause().getMessage(), 0);
        } finally {
            stop.exit();
        }
    }

    /** True once this JVM is shutting down: runs in progress are stopping and no new one starts. */
    public boolean stopping() {
        return stop.closing();
    }

    private FeedRun runLocked(YearMonth month, String feed, List<Long> customers) {
        JobExecution execution;
        try {
            JobExecution previous = history.lastExecution(month, feed, customers);
            if (previous != null && previous.isRunning()) {
                previous = jobRepository.getJobExecution(previous.getId());
                if (!stale.isStale(previous)) {
                    return new FeedRun(feed, month, false, previous.getId(), 0, ALREADY_RUNNING
                            + StaleExecutions.describe(previous) + "; wait for it to finish", 0);
                }
                log.warn("{} {}: execution {} was left {} by a process that no longer runs ({}); marking it FAILED and"
                        + " resuming it", feed, month, previous.getId(), previous.getStatus(), StaleExecutions.describe(previous));
                previous = jobOperator.recover(previous);
            }
            if (stop.closing()) {
                return FeedRun.stopped(feed, month, -1, 0, NOT_STARTED, 0);
            }
            if (previous != null && (previous.getStatus() == BatchStatus.FAILED || previous.getStatus() == BatchStatus.STOPPED)) {
                log.info("{} {}: restarting attempt {} (execution {} ended {})", feed, month,
                        MonthlyBillsJob.attempt(previous), previous.getId(), previous.getStatus());
                execution = jobOperator.restart(previous);
            } else {
                long attempt = previous == null ? 1 : MonthlyBillsJob.attempt(previous) + 1;
                execution = jobOperator.start(monthlyBillsJob, MonthlyBillsJob.parameters(month, feed, customers, attempt));
            }
        } catch (Exception e) {
            return new FeedRun(feed, month, false, -1, 0, "could not start the job: " + e.getMessage(), 0);
        }
        return outcome(feed, month, execution);
    }

    /** Names the live holder and, when it is known, its execution; says what to do. */
    private String refusal(YearMonth month, String feed, List<Long> customers, RunLock.HeldException held) {
        JobExecution last = history.lastExecution(month, feed, customers);
        String execution = last != null && last.isRunning() ? " (execution " + last.getId() + ")" : "";
        String who = held.owner() == null ? "another process" : held.owner().toString();
        String gone = held.owner() != null && held.owner().onThisHost()
                ? "it is taken over at once when that process has ended (it is on this host)"
                : "it is taken over automatically once it has held the lock for " + stale.staleAfter()
                        + " (tcbill.job.stale-after)";
        return ALREADY_RUNNING + "on " + who + " since " + held.since() + execution + "; wait for it or, if that process"
                + " is gone, run again: " + gone;
    }

    private static FeedRun outcome(String feed, YearMonth month, JobExecution execution) {
        long rows = MonthlyBillsJob.rows(execution);
        double fetchSeconds = MonthlyBillsJob.archiveSeconds(execution);
        if (execution.getStatus() == BatchStatus.COMPLETED) {
            return new FeedRun(feed, month, true, execution.getId(), rows, null, fetchSeconds,
                    MonthlyBillsJob.reconciliation(execution), false, MonthlyBillsJob.restated(execution));
        }
        if (execution.getStatus() == BatchStatus.STOPPED) {
            return FeedRun.stopped(feed, month, execution.getId(), rows, STOPPED, fetchSeconds);
        }
        return new FeedRun(feed, month, false, execution.getId(), rows, reason(execution), fetchSeconds, null, false,
                MonthlyBillsJob.restated(execution));
    }

    /** The distinct failure messages of the workers, not Spring Batch's generic "partition handler" summary. */
    private static String reason(JobExecution execution) {
        List<String> all = execution.getAllFailureExceptions().stream()
                .map(MonthRunner::rootMessage)
                .filter(m -> !m.startsWith("Partition handler returned an unsuccessful step"))
                .distinct().toList();
        // a message another one repeats (the missing files' check quotes the first file's failure) is said once
        List<String> messages = all.stream().filter(m -> all.stream().noneMatch(o -> !o.equals(m) && o.contains(m))).toList();
        return messages.isEmpty() ? "ended " + execution.getStatus() : String.join("; ", messages);
    }

    private static String rootMessage(Throwable failure) {
        Throwable t = failure;
        while (t.getMessage() == null && t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
