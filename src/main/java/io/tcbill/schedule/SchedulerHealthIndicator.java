package io.tcbill.schedule;

import java.util.List;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SchedulerMetaData;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The {@code scheduler} component of {@code /actuator/health}: UP while this instance's Quartz scheduler runs (with its
 * instance id, the pulls running now and the next fire), DOWN once it stopped or when it is not running although this
 * process was started to schedule. A command that does not schedule reports UNKNOWN.
 */
@Component
class SchedulerHealthIndicator implements HealthIndicator {

    private final Scheduler scheduler;
    private final ScheduleRegistrar registrar;
    private final boolean scheduling;

    SchedulerHealthIndicator(Scheduler scheduler, ScheduleRegistrar registrar,
                             @Value("${spring.quartz.auto-startup:false}") boolean scheduling) {
        this.scheduler = scheduler;
        this.registrar = registrar;
        this.scheduling = scheduling;
    }

    @Override
    public Health health() {
        if (!scheduling) {
            return Health.unknown().withDetail("scheduler", "not started by this command").build();
        }
        try {
            SchedulerMetaData meta = scheduler.getMetaData();
            boolean running = meta.isStarted() && !meta.isInStandbyMode() && !meta.isShutdown();
            Health.Builder health = running ? Health.up() : Health.down();
            health.withDetail("instance", meta.getSchedulerInstanceId())
                    .withDetail("clustered", meta.isJobStoreClustered())
                    .withDetail("state", meta.isShutdown() ? "shut down" : meta.isInStandbyMode() ? "standby" : "started")
                    .withDetail("pullsRunning", scheduler.getCurrentlyExecutingJobs().size());
            List<ScheduleRegistrar.ScheduledPull> pulls = registrar.scheduled();
            if (!pulls.isEmpty() && pulls.get(0).nextFire() != null) {
                health.withDetail("nextFire", pulls.get(0).schedule() + " at " + pulls.get(0).nextFire());
            }
            return health.build();
        } catch (SchedulerException | IllegalStateException e) {
            return Health.down(e).build();
        }
    }
}
