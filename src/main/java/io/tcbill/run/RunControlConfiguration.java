package io.tcbill.run;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.tcbill.job.JobProperties;
import java.time.Clock;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Run control around the monthly job: what keeps runs safe across processes (ownership of executions, the run lock,
 * stale detection, a clean stop), and what a run reports (progress, the run id in the logs, metrics).
 */
@Configuration(proxyBeanMethods = false)
class RunControlConfiguration {

    @Bean
    LocalExecutions localExecutions(JobRepository jobRepository) {
        return new LocalExecutions(jobRepository);
    }

    @Bean
    StaleExecutions staleExecutions(JobProperties properties) {
        return new StaleExecutions(properties.staleAfter(), Clock.systemDefaultZone());
    }

    /** After Batch's schema (its tables must exist); before any run reads them. */
    @Bean
    @DependsOnDatabaseInitialization
    BatchIndexes.Created batchIndexes(DataSource dataSource,
                                      @Value("${spring.batch.jdbc.table-prefix:BATCH_}") String batchTablePrefix) {
        return new BatchIndexes.Created(new JdbcTemplate(dataSource).execute(
                (ConnectionCallback<List<String>>) connection -> BatchIndexes.createMissing(connection, batchTablePrefix)));
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

    @Bean
    ProgressListeners progressListeners() {
        return new ProgressListeners();
    }

    @Bean
    RunLogContext runLogContext() {
        return new RunLogContext();
    }

    /** Run figures for Micrometer; the long-lived scheduler starts with each feed's last success from the metadata. */
    @Bean
    RunMetrics runMetrics(ObjectProvider<MeterRegistry> registry, DataSource metadata,
                          @Value("${spring.batch.jdbc.table-prefix:BATCH_}") String batchTablePrefix,
                          @Value("${spring.quartz.auto-startup:false}") boolean scheduler) {
        RunMetrics metrics = new RunMetrics(registry.getIfAvailable(CompositeMeterRegistry::new));
        if (scheduler) {
            metrics.seed(metadata, batchTablePrefix);
        }
        return metrics;
    }
}
