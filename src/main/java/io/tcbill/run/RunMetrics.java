package io.tcbill.run;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.tcbill.job.MonthlyBillsJob;
import io.tcbill.load.FileResult;
import io.tcbill.load.LoadReport;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;

/**
 * The figures of feed runs in Micrometer: how long each run took and how it ended, how fresh each feed is
 * ({@link FeedFreshness}: its last success and its newest complete month, seeded from the metadata database when the
 * scheduler starts), the rows each load published and rejected per table, and the reconciliations that found a
 * mismatch with how many customers are unreconciled now. Reads what the job, the load report and the reconcile step
 * say; the stage services know nothing of it.
 */
public final class RunMetrics implements JobExecutionListener {

    private static final Logger log = LoggerFactory.getLogger(RunMetrics.class);

    /** The scope of a run of every customer (a run limited to some names their UINs); see {@link MonthlyBillsJob#scope}. */
    private static final String ALL_CUSTOMERS = "all";

    private final MeterRegistry registry;
    private final FeedFreshness freshness;
    /** Unreconciled customers per month, as last compared by this process; the gauge is their sum. */
    private final Map<YearMonth, Long> unreconciled = new ConcurrentHashMap<>();

    RunMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.freshness = new FeedFreshness(registry);
        Gauge.builder("tcbill.reconciliation.unreconciled", unreconciled,
                        months -> months.values().stream().mapToLong(Long::longValue).sum())
                .description("customers whose L3 details and summaries disagree, over the months this process last reconciled")
                .baseUnit("customers").register(registry);
    }

    /**
     * A month compared by a run of {@code feed}: a mismatch counts once in {@code tcbill.reconciliation.mismatches}
     * and sets the month's unreconciled customers (a month waiting for its other side keeps its last figure).
     */
    public void reconciled(String feed, Reconciliation result) {
        Counter mismatches = Counter.builder("tcbill.reconciliation.mismatches")
                .description("reconciliations that found customers whose L3 details and summaries disagree")
                .tag("feed", feed).register(registry);
        switch (result.state()) {
            case UNRECONCILED -> {
                mismatches.increment();
                unreconciled.put(result.month(), result.unreconciled());
            }
            case RECONCILED -> unreconciled.remove(result.month());
            case WAITING -> { }
        }
    }

    /**
     * Sets each feed's last success from the newest runs the metadata database holds (read as {@code status} reads
     * them, not every step of every execution) and its newest complete month, so a restart loses neither.
     */
    void seed(DataSource metadata, String batchTablePrefix) {
        try (Connection connection = metadata.getConnection()) {
            StatusQueries queries = new StatusQueries(connection, batchTablePrefix);
            for (RunRecord run : queries.latest(null)) {
                if (run.state() == RunRecord.State.COMPLETED && run.ended() != null) {
                    freshness.succeeded(run.feed(), run.ended());
                }
            }
            queries.newestCompleteMonths().forEach(freshness::covered);
        } catch (SQLException | IllegalStateException e) {
            log.warn("could not read the last successful runs from the metadata database: {}", e.getMessage());
        }
    }

    @Override
    public void afterJob(JobExecution execution) {
        String feed = MonthlyBillsJob.feed(execution);
        LocalDateTime end = execution.getEndTime() == null ? LocalDateTime.now() : execution.getEndTime();
        Duration took = execution.getStartTime() == null ? Duration.ZERO : Duration.between(execution.getStartTime(), end);
        Timer.builder("tcbill.feed.run").description("one run of a feed for a month, by how it ended")
                .tag("feed", feed).tag("outcome", execution.getStatus().name().toLowerCase(Locale.ROOT))
                .register(registry).record(took);
        if (execution.getStatus() == BatchStatus.COMPLETED) {
            String scope = MonthlyBillsJob.scope(execution);
            freshness.completed(feed, MonthlyBillsJob.month(execution), scope == null || scope.equals(ALL_CUSTOMERS), end);
        }
    }

    /** Rows published and rejected per table by one load. */
    public void loaded(LoadReport report) {
        for (Map.Entry<String, FileResult.TableRows> table : report.byTable().entrySet()) {
            rows("tcbill.load.rows", "rows published", report, table.getKey()).increment(table.getValue().rows());
            rows("tcbill.load.rejected.rows", "rows set aside into rejected_rows", report, table.getKey())
                    .increment(table.getValue().rejected());
        }
    }

    private Counter rows(String name, String description, LoadReport report, String table) {
        return Counter.builder(name).description(description).baseUnit("rows")
                .tag("feed", report.feed().name()).tag("table", table).register(registry);
    }
}
