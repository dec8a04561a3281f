package io.tcbill.run;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import org.springframework.batch.core.job.JobExecution;

/**
 * Tells a job execution that is really running from one whose process died (SIGKILL, power loss, OOM killer) and left
 * it STARTING, STARTED or STOPPING in the metadata. On this host the owner's PID and start instant decide; an owner on
 * another host is presumed dead once the execution's last update is older than {@code tcbill.job.stale-after}.
 */
final class StaleExecutions {

    private final Duration staleAfter;
    private final Clock clock;

    StaleExecutions(Duration staleAfter, Clock clock) {
        this.staleAfter = staleAfter;
        this.clock = clock;
    }

    /** Whether a running execution was left behind by a process that no longer runs it. */
    boolean isStale(JobExecution execution) {
        if (!execution.isRunning()) {
            return false;
        }
        ExecutionOwner owner = ExecutionOwner.in(execution.getExecutionContext());
        if (owner == null) {
            // the month's run lock is held by the caller, so no live runner is between creating and starting it
            return true;
        }
        if (owner.onThisHost()) {
            return !owner.alive();
        }
        return isOld(lastSign(execution));
    }

    /** The same rule for a lock owner: dead on this host, or silent longer than {@code stale-after} on another. */
    boolean isStale(ExecutionOwner owner, LocalDateTime since) {
        return owner == null || (owner.onThisHost() ? !owner.alive() : isOld(since));
    }

    /** "on host pid 123 since 2026-07-01T10:00 (execution 42)". */
    static String describe(JobExecution execution) {
        ExecutionOwner owner = ExecutionOwner.in(execution.getExecutionContext());
        LocalDateTime since = execution.getStartTime() != null ? execution.getStartTime() : execution.getCreateTime();
        return "on " + (owner == null ? "an unknown process" : owner.toString()) + " since " + since
                + " (execution " + execution.getId() + ")";
    }

    Duration staleAfter() {
        return staleAfter;
    }

    private boolean isOld(LocalDateTime lastSign) {
        return lastSign == null || lastSign.isBefore(LocalDateTime.now(clock).minus(staleAfter));
    }

    /** The newest update of the execution or any of its steps: a partitioned step updates only its own rows. */
    private static LocalDateTime lastSign(JobExecution execution) {
        LocalDateTime last = execution.getLastUpdated() != null ? execution.getLastUpdated() : execution.getCreateTime();
        for (var step : execution.getStepExecutions()) {
            if (step.getLastUpdated() != null && (last == null || step.getLastUpdated().isAfter(last))) {
                last = step.getLastUpdated();
            }
        }
        return last;
    }
}
