package io.tcbill.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tcbill.bench.BatchMetadata;
import io.tcbill.job.MonthlyBillsJob;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;

class RunMetricsTest {

    private static final YearMonth SEPTEMBER = YearMonth.of(2026, 9);
    private static final YearMonth OCTOBER = YearMonth.of(2026, 10);

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final RunMetrics metrics = new RunMetrics(registry);

    @Test
    void aMismatchIsCountedAndItsCustomersStayInTheGaugeUntilTheirMonthReconciles() {
        // given September does not reconcile for two customers
        metrics.reconciled("summaries", result(SEPTEMBER, Reconciliation.State.UNRECONCILED, 2));

        // when October reconciles and September waits for its other side
        metrics.reconciled("l3", result(OCTOBER, Reconciliation.State.RECONCILED, 0));
        metrics.reconciled("l3", Reconciliation.waiting(SEPTEMBER));

        // then one mismatch was counted and September's two customers are still unreconciled
        assertThat(registry.get("tcbill.reconciliation.mismatches").tag("feed", "summaries").counter().count()).isEqualTo(1);
        assertThat(registry.get("tcbill.reconciliation.mismatches").tag("feed", "l3").counter().count()).isZero();
        assertThat(unreconciled()).isEqualTo(2);

        // when September reconciles
        metrics.reconciled("l3", result(SEPTEMBER, Reconciliation.State.RECONCILED, 0));

        // then
        assertThat(unreconciled()).isZero();
    }

    @Test
    void aBackfillOfAnOlderMonthMovesTheLastSuccessButNotTheNewestCompleteMonth() {
        // given October completed for all customers
        LocalDateTime octoberDone = LocalDateTime.of(2026, 11, 5, 1, 20);
        metrics.afterJob(run(OCTOBER, "l3", List.of(), BatchStatus.COMPLETED, octoberDone));
        assertThat(newestCompleteMonth("l3")).isEqualTo(Instant.parse("2026-11-01T00:00:00Z").getEpochSecond());

        // when a backfill of March completes a week later
        LocalDateTime backfillDone = octoberDone.plusDays(7);
        metrics.afterJob(run(YearMonth.of(2026, 3), "l3", List.of(), BatchStatus.COMPLETED, backfillDone));

        // then the feed's last success is the backfill's end, and its newest complete month is still October
        assertThat(registry.get("tcbill.feed.last.success").tag("feed", "l3").gauge().value())
                .isEqualTo(epoch(backfillDone));
        assertThat(newestCompleteMonth("l3")).isEqualTo(Instant.parse("2026-11-01T00:00:00Z").getEpochSecond());
    }

    @Test
    void aNewerMonthCountsOnlyWhenItCompletedForAllCustomers() {
        // given September complete
        metrics.afterJob(run(SEPTEMBER, "l2", List.of(), BatchStatus.COMPLETED, LocalDateTime.of(2026, 10, 5, 1, 0)));

        // when October fails, and then completes for one customer only
        metrics.afterJob(run(OCTOBER, "l2", List.of(), BatchStatus.FAILED, LocalDateTime.of(2026, 11, 5, 1, 0)));
        metrics.afterJob(run(OCTOBER, "l2", List.of(800000000001L), BatchStatus.COMPLETED,
                LocalDateTime.of(2026, 11, 5, 2, 0)));

        // then l2 still covers September
        assertThat(newestCompleteMonth("l2")).isEqualTo(Instant.parse("2026-10-01T00:00:00Z").getEpochSecond());

        // when October completes for all customers
        metrics.afterJob(run(OCTOBER, "l2", List.of(), BatchStatus.COMPLETED, LocalDateTime.of(2026, 11, 5, 3, 0)));

        // then
        assertThat(newestCompleteMonth("l2")).isEqualTo(Instant.parse("2026-11-01T00:00:00Z").getEpochSecond());
    }

    @Test
    void theSchedulerStartsWithEachFeedsNewestCompleteMonthFromTheMetadata() throws Exception {
        // given a metadata database with runs of 2026-01 to 2026-03 of every feed, all completed
        JdbcDataSource metadata = new JdbcDataSource();
        metadata.setURL("jdbc:h2:mem:freshness-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        try (Connection db = metadata.getConnection()) {
            BatchMetadata.generate(db, YearMonth.of(2026, 3), 3, 2, 0);

            // when the metrics are seeded from it
            metrics.seed(metadata, "BATCH_");

            // then every feed covers March
            for (String feed : BatchMetadata.FEEDS) {
                assertThat(newestCompleteMonth(feed)).as(feed)
                        .isEqualTo(Instant.parse("2026-04-01T00:00:00Z").getEpochSecond());
            }
            db.createStatement().execute("SHUTDOWN");
        }
    }

    private double newestCompleteMonth(String feed) {
        return registry.get("tcbill.feed.newest.complete.month").tag("feed", feed).gauge().value();
    }

    private static double epoch(LocalDateTime time) {
        return time.atZone(ZoneId.systemDefault()).toEpochSecond();
    }

    private static JobExecution run(YearMonth month, String feed, List<Long> customers, BatchStatus status,
                                    LocalDateTime end) {
        JobExecution execution = new JobExecution(1L, new JobInstance(1L, MonthlyBillsJob.NAME),
                MonthlyBillsJob.parameters(month, feed, customers, 1));
        execution.setStatus(status);
        execution.setStartTime(end.minusMinutes(10));
        execution.setEndTime(end);
        return execution;
    }

    private double unreconciled() {
        return registry.get("tcbill.reconciliation.unreconciled").gauge().value();
    }

    private static Reconciliation result(YearMonth month, Reconciliation.State state, long unreconciled) {
        return new Reconciliation(month, state, 5, unreconciled, unreconciled, List.of());
    }
}
