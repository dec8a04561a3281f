package io.tcbill.bench;

import io.tcbill.job.MonthlyBillsJob;
import io.tcbill.run.BatchIndexes;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.List;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.repository.support.JdbcJobRepositoryFactoryBean;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.jdbc.datasource.init.ScriptUtils;

/**
 * A Batch metadata database as months of reseller runs leave it, written through Spring Batch's own JobRepository:
 * for each month and feed one attempt with the job's steps, one archive partition step per customer (per-customer
 * feeds; one for the partner-wide commission) with the context an archived file leaves, the load step with its rows;
 * every {@code failEvery}th month's l3 first fails at one customer and is resumed. For {@code bench} and the tests of
 * {@code status}'s reader.
 */
public final class BatchMetadata {

    /** The reseller feeds; commission is one partner-wide file. */
    public static final List<String> FEEDS = List.of("commission", "l2", "l3", "summaries", "vouchers");
    private static final long FIRST_UIN = 800_000_000_000L;

    private final JobRepository repository;
    private int steps;

    private BatchMetadata(JobRepository repository) {
        this.repository = repository;
    }

    /**
     * Creates Batch's tables on {@code db} (H2 or PostgreSQL) with tcbill's indexes and fills them; returns the number
     * of step executions written.
     */
    public static int generate(Connection db, YearMonth last, int months, int customers, int failEvery) throws Exception {
        String platform = db.getMetaData().getDatabaseProductName().toLowerCase(java.util.Locale.ROOT).contains("postgres")
                ? "postgresql" : "h2";
        ScriptUtils.executeSqlScript(db, new ClassPathResource("org/springframework/batch/core/schema-" + platform + ".sql"));
        if (platform.equals("postgresql")) {
            try (var sql = db.createStatement()) {
                // this session only: each repository call commits, and a flush per commit made 300,000 steps take an hour
                sql.execute("SET synchronous_commit TO off");
            }
        }
        BatchIndexes.createMissing(db, "BATCH_"); // as every tcbill command that runs jobs does at start
        SingleConnectionDataSource dataSource = new SingleConnectionDataSource(db, true);
        JdbcJobRepositoryFactoryBean factory = new JdbcJobRepositoryFactoryBean();
        factory.setDataSource(dataSource);
        factory.setTransactionManager(new DataSourceTransactionManager(dataSource));
        factory.afterPropertiesSet();
        BatchMetadata metadata = new BatchMetadata(factory.getObject());
        for (int m = months - 1; m >= 0; m--) {
            YearMonth month = last.minusMonths(m);
            for (String feed : FEEDS) {
                int files = feed.equals("commission") ? 1 : customers;
                boolean fails = feed.equals("l3") && failEvery > 0 && m % failEvery == 0;
                metadata.attempt(month, feed, files, fails);
            }
        }
        return metadata.steps;
    }

    /** The rows a generated load step published: the month's number times 1000 plus the files. */
    public static long rows(YearMonth month, int files) {
        return month.getMonthValue() * 1000L + files;
    }

    /** The raw key a generated archive partition recorded. */
    public static String rawKey(String feed, YearMonth month, int file) {
        return "raw/" + feed + "/bill_month=" + month + "/customer_uin=" + (FIRST_UIN + file) + "/" + feed + ".csv.gz";
    }

    private void attempt(YearMonth month, String feed, int files, boolean failsFirst) throws SQLException {
        JobParameters parameters = MonthlyBillsJob.parameters(month, feed, List.of(), 1);
        JobInstance instance = repository.createJobInstance(MonthlyBillsJob.NAME, parameters);
        LocalDateTime start = month.plusMonths(1).atDay(5).atTime(1, 30);
        if (failsFirst) {
            execution(instance, parameters, month, feed, files, start, files - 1);
            start = start.plusHours(2);
        }
        execution(instance, parameters, month, feed, files, start, files);
    }

    /** One execution archiving {@code archived} of the {@code files}; it loads and completes only when all arrived. */
    private void execution(JobInstance instance, JobParameters parameters, YearMonth month, String feed, int files,
                           LocalDateTime start, int archived) {
        JobExecution job = repository.createJobExecution(instance, parameters, new org.springframework.batch.infrastructure.item.ExecutionContext());
        job.setStartTime(start);
        job.setStatus(BatchStatus.STARTED);
        repository.update(job);
        StepExecution manager = step(job, MonthlyBillsJob.ARCHIVE_FILES, start);
        for (int file = 0; file < files; file++) {
            StepExecution partition = repository.createStepExecution(MonthlyBillsJob.ARCHIVE_FILE + ":" + feed + ":"
                    + (FIRST_UIN + file), job);
            partition.setStartTime(start);
            partition.getExecutionContext().putString("sourceKind", files == 1 ? "PACK" : "CUSTOMER");
            partition.getExecutionContext().putLong("customerUin", FIRST_UIN + file);
            if (file < archived) {
                partition.getExecutionContext().putString("rawKey", rawKey(feed, month, file));
                partition.getExecutionContext().putString("rawSha256", "%064x".formatted(file));
                partition.getExecutionContext().putLong("rawSize", 1_000_000L + file);
            }
            end(partition, file < archived ? BatchStatus.COMPLETED : BatchStatus.FAILED, start.plusSeconds(30));
        }
        boolean complete = archived == files;
        end(manager, complete ? BatchStatus.COMPLETED : BatchStatus.FAILED, start.plusMinutes(5));
        if (complete) {
            StepExecution load = step(job, MonthlyBillsJob.LOAD_TABLES, start.plusMinutes(5));
            load.getExecutionContext().putLong("rows", rows(month, files));
            end(load, BatchStatus.COMPLETED, start.plusMinutes(6));
        }
        job.setStatus(complete ? BatchStatus.COMPLETED : BatchStatus.FAILED);
        job.setExitStatus(complete ? ExitStatus.COMPLETED : ExitStatus.FAILED.addExitDescription(
                "io.tcbill.job.FileFailedException: 1 of " + files + " files did not arrive"));
        job.setEndTime(start.plusMinutes(6));
        repository.update(job);
    }

    private StepExecution step(JobExecution job, String name, LocalDateTime start) {
        StepExecution step = repository.createStepExecution(name, job);
        step.setStartTime(start);
        return step;
    }

    private void end(StepExecution step, BatchStatus status, LocalDateTime end) {
        step.setStatus(status);
        step.setExitStatus(status == BatchStatus.COMPLETED ? ExitStatus.COMPLETED : ExitStatus.FAILED);
        step.setEndTime(end);
        repository.update(step);
        repository.updateExecutionContext(step);
        steps++;
    }
}
