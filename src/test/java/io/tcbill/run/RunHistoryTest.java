package io.tcbill.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.tcbill.bench.BatchMetadata;
import io.tcbill.job.MonthlyBillsJob;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.YearMonth;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.repository.support.JdbcJobRepositoryFactoryBean;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * The run history a run starts from and a backfill plans with, on a metadata written by Spring Batch's own
 * JobRepository (an in-memory H2): the same last attempt, rows and state as the JobRepository's whole execution gives,
 * read from the execution's row and its load step only.
 */
class RunHistoryTest {

    private static final YearMonth LAST = YearMonth.of(2026, 3);
    private static final int CUSTOMERS = 12;

    private Connection db;
    private JobRepository repository;
    private RunHistory history;

    @BeforeEach
    void metadata() throws Exception {
        db = DriverManager.getConnection("jdbc:h2:mem:history-" + System.nanoTime());
        // given 2 months × 5 feeds; 2026-03's l3 failed at one customer, then was resumed
        BatchMetadata.generate(db, LAST, 2, CUSTOMERS, 2);
        SingleConnectionDataSource dataSource = new SingleConnectionDataSource(db, true);
        JdbcJobRepositoryFactoryBean factory = new JdbcJobRepositoryFactoryBean();
        factory.setDataSource(dataSource);
        factory.setTransactionManager(new DataSourceTransactionManager(dataSource));
        factory.afterPropertiesSet();
        repository = factory.getObject();
        history = new RunHistory(repository, dataSource, "BATCH_");
    }

    @AfterEach
    void close() throws Exception {
        db.close();
    }

    @Test
    void theLastAttemptIsTheOneTheJobRepositoryReadsWholeWithItsRows() {
        JobExecution whole = repository.getLastJobExecution(l3Instance());

        RunRecord last = history.last(LAST, "l3", List.of());

        assertThat(last.executionId()).isEqualTo(whole.getId());
        assertThat(last.state()).isEqualTo(RunRecord.State.COMPLETED);
        assertThat(last.rows()).isEqualTo(MonthlyBillsJob.rows(whole)).isEqualTo(BatchMetadata.rows(LAST, CUSTOMERS));
        assertThat(last.attempt()).isEqualTo(1);
        assertThat(last.scope()).isEqualTo("all");
        assertThat(last.ended()).isEqualTo(whole.getEndTime());
        assertThat(history.last(LAST.plusMonths(1), "l3", List.of())).isNull();
    }

    @Test
    void theRunnerGetsTheLastExecutionToRestartWithoutItsPartitionSteps() throws Exception {
        // given the resumed execution gone: the failed first one is the last
        long resumed = repository.getLastJobExecution(l3Instance()).getId();
        try (Statement sql = db.createStatement()) {
            for (String table : List.of("BATCH_STEP_EXECUTION_CONTEXT WHERE STEP_EXECUTION_ID IN (SELECT"
                    + " STEP_EXECUTION_ID FROM BATCH_STEP_EXECUTION WHERE JOB_EXECUTION_ID = " + resumed + ")",
                    "BATCH_STEP_EXECUTION WHERE JOB_EXECUTION_ID = " + resumed,
                    "BATCH_JOB_EXECUTION_CONTEXT WHERE JOB_EXECUTION_ID = " + resumed,
                    "BATCH_JOB_EXECUTION_PARAMS WHERE JOB_EXECUTION_ID = " + resumed,
                    "BATCH_JOB_EXECUTION WHERE JOB_EXECUTION_ID = " + resumed)) {
                sql.execute("DELETE FROM " + table);
            }
        }
        JobExecution whole = repository.getLastJobExecution(l3Instance());

        JobExecution last = history.lastExecution(LAST, "l3", List.of());

        assertThat(last.getId()).isEqualTo(whole.getId());
        assertThat(last.getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(last.isRunning()).isFalse();
        assertThat(last.getJobInstance().getInstanceId()).isEqualTo(whole.getJobInstance().getInstanceId());
        assertThat(last.getJobParameters()).isEqualTo(whole.getJobParameters());
        assertThat(MonthlyBillsJob.attempt(last)).isEqualTo(1);
        assertThat(last.getStepExecutions()).isEmpty();
        assertThat(whole.getStepExecutions()).hasSize(CUSTOMERS + 1);
        assertThat(history.last(LAST, "l3", List.of()).reason()).isEqualTo("1 of " + CUSTOMERS + " files did not arrive");
        assertThat(history.loaded(LAST, "l3")).isFalse();
    }

    @Test
    void aMonthIsLoadedOnceARunOfItCompleted() {
        assertThat(history.loaded(LAST, "l3")).isTrue();
        assertThat(history.loaded(LAST.minusMonths(1), "summaries")).isTrue();
        assertThat(history.loaded(LAST.plusMonths(1), "l3")).isFalse();
    }

    private JobInstance l3Instance() {
        return repository.getJobInstance(MonthlyBillsJob.NAME, MonthlyBillsJob.parameters(LAST, "l3", List.of(), 1));
    }
}
