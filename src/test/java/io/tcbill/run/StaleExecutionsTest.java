package io.tcbill.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.tcbill.job.MonthlyBillsJob;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.step.StepExecution;

/** Which running executions are left over by a dead process, and which are really running. */
class StaleExecutionsTest {

    private static final LocalDateTime NOW = LocalDateTime.of(2026, 7, 6, 12, 0);
    private final StaleExecutions stale = new StaleExecutions(Duration.ofHours(2),
            Clock.fixed(NOW.toInstant(ZoneOffset.UTC), ZoneOffset.UTC));

    @Test
    void anExecutionOfThisLiveProcessIsNotStale() {
        assertThat(stale.isStale(running(ExecutionOwner.self(), NOW))).isFalse();
    }

    @Test
    void anExecutionWhosePidIsGoneIsStale() {
        ExecutionOwner dead = new ExecutionOwner(ExecutionOwner.self().host(), 99_999_999L, Instant.now());
        assertThat(stale.isStale(running(dead, NOW))).isTrue();
    }

    @Test
    void anExecutionWhosePidWasReusedByAnotherProcessIsStale() {
        ExecutionOwner self = ExecutionOwner.self();
        ExecutionOwner earlier = new ExecutionOwner(self.host(), self.pid(), Instant.parse("2000-01-01T00:00:00Z"));
        assertThat(stale.isStale(running(earlier, NOW))).isTrue();
    }

    @Test
    void anotherHostsExecutionIsStaleOnlyOnceNothingMovedForStaleAfter() {
        ExecutionOwner remote = new ExecutionOwner("some-other-host", 42, Instant.now());
        JobExecution recent = running(remote, NOW.minusHours(3));
        StepExecution partition = new StepExecution(7L, "archiveFile:l3:1", recent);
        partition.setLastUpdated(NOW.minusMinutes(10));
        recent.addStepExecution(partition);

        assertThat(stale.isStale(recent)).as("a partition updated 10 minutes ago").isFalse();
        assertThat(stale.isStale(running(remote, NOW.minusHours(3)))).isTrue();
        assertThat(stale.isStale(running(remote, NOW.minusMinutes(119)))).isFalse();
    }

    @Test
    void anEndedExecutionIsNeverStaleAndAnOwnerlessRunningOneIs() {
        JobExecution ended = running(ExecutionOwner.self(), NOW);
        ended.setStatus(BatchStatus.FAILED);
        assertThat(stale.isStale(ended)).isFalse();
        assertThat(stale.isStale(running(null, NOW))).isTrue();
    }

    @Test
    void theOwnerSurvivesItsTextForm() {
        ExecutionOwner owner = new ExecutionOwner("host-1.example", 1234, Instant.parse("2026-07-01T10:00:00.123Z"));
        assertThat(ExecutionOwner.parse(owner.format())).isEqualTo(owner);
        assertThat(ExecutionOwner.parse("garbage")).isNull();
        assertThat(StaleExecutions.describe(running(owner, NOW))).startsWith("on host-1.example pid 1234 since ")
                .endsWith("(execution 1)");
    }

    private static JobExecution running(ExecutionOwner owner, LocalDateTime lastUpdated) {
        JobExecution execution = new JobExecution(1L, new JobInstance(1L, MonthlyBillsJob.NAME),
                new JobParameters());
        execution.setStatus(BatchStatus.STARTED);
        execution.setLastUpdated(lastUpdated);
        if (owner != null) {
            owner.writeTo(execution.getExecutionContext());
        }
        return execution;
    }
}
