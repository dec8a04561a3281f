package io.tcbill.job;

import java.time.Clock;
import javax.sql.DataSource;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** What keeps runs safe across processes: ownership of executions, the run lock, stale detection, a clean stop. */
@Configuration(proxyBeanMethods = false)
class RunGuardConfiguration {

    @Bean
    LocalExecutions localExecutions(JobRepository jobRepository) {
        return new LocalExecutions(jobRepository);
    }

    @Bean
    StaleExecutions staleExecutions(JobProperties properties) {
        return new StaleExecutions(properties.staleAfter(), Clock.systemDefaultZone());
    }

    @Bean
    RunLock runLock(DataSource dataSource, StaleExecutions staleExecutions) {
        RunLock lock = new RunLock(dataSource, staleExecutions, Clock.systemDefaultZone());
        lock.createTableIfMissing();
        H2ShutdownHook.leaveClosingToSpring(); // the database is open now, and H2 has registered its hook

        return lock;
    }

    @Bean
    GracefulStop gracefulStop(JobOperator jobOperator, JobRepository jobRepository, LocalExecutions localExecutions,
                              JobProperties properties) {
        return new GracefulStop(jobOperator, jobRepository, localExecutions, properties.stopTimeout());
    }
}
