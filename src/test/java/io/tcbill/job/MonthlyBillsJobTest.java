package io.tcbill.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.tcbill.IntegrationTest;
import io.tcbill.PipelineTestSupport;
import io.tcbill.load.CuratedLayout;
import io.tcbill.load.ReconciliationReport;
import io.tcbill.run.FeedRun;
import io.tcbill.run.MonthRunner;
import io.tcbill.run.Reconciliation;
import io.tcbill.run.RunProgress;
import io.tcbill.simulator.BillData;
import io.tcbill.storage.ObjectStorage;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.List;
import java.util.Comparator;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.beans.factory.annotation.Autowired;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Object;

/** The monthly job for a reseller against the simulator, the embedded S3 store over HTTP and a real DuckDB file. */
@IntegrationTest
class MonthlyBillsJobTest extends PipelineTestSupport {

    private static final YearMonth MONTH = YearMonth.of(2026, 8);

    @Autowired
    MonthRunner runner;

    @Autowired
    MonthReconciler reconciler;

    @Autowired
    ObjectStorage storage;

    @Autowired
    JobRepository jobRepository;

    @Test
    void aWholeResellerMonthLandsPerCustomerWithinTheRateLimitsAndReconciles() {
        Map<String, FeedRun> runs = new HashMap<>();
        for (String feed : List.of("commission", "l2", "l3", "summaries", "vouchers")) {
            FeedRun run = runner.run(MONTH, feed, List.of());
            assertThat(run.succeeded()).as(feed + ": " + run.reason()).isTrue();
            runs.put(feed, run);
        }
        BillData data = SIMULATOR.data();
        List<Long> customers = data.customerUins();
        assertThat(customers).hasSize(CUSTOMERS);

        for (String feed : List.of("l2", "l3")) {
            Map<Long, BigDecimal[]> loaded = perCustomer("SELECT customer_uin, count(*), sum(total_cost) FROM bill_" + feed
                    + monthFilter(MONTH) + " GROUP BY customer_uin");
            for (Long uin : customers) {
                BillData.ExpectedFile expected = data.expected(feed, MONTH, uin);
                BigDecimal[] actual = loaded.getOrDefault(uin, new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
                assertThat(actual[0].longValue()).as(feed + " rows of " + uin).isEqualTo(expected.rows());
                assertThat(actual[1]).as(feed + " total of " + uin).isEqualByComparingTo(expected.totalCost());
            }
            assertThat(count("SELECT count(DISTINCT customer_uin) FROM load_log WHERE status = 'LOADED' AND feed = '" + feed
                    + "' AND bill_month = DATE '" + MONTH.atDay(1) + "'")).isEqualTo(CUSTOMERS);
        }
        BillData.ExpectedFile commission = data.expected("commission", MONTH, null);
        assertThat(decimal("SELECT sum(commission_amount) FROM commission_detail" + monthFilter(MONTH)))
                .isEqualByComparingTo(commission.totalCost());

        long vouchers = 0;
        BigDecimal voucherAmount = BigDecimal.ZERO;
        for (Long uin : customers) {
            var expected = data.expectedVouchers(MONTH, uin);
            vouchers += expected.usageRecords();
            voucherAmount = voucherAmount.add(expected.usageAmount());
        }
        assertThat(count("SELECT count(*) FROM voucher_usage" + monthFilter(MONTH))).isEqualTo(vouchers).isPositive();
        assertThat(decimal("SELECT coalesce(sum(amount), 0) FROM voucher_usage" + monthFilter(MONTH)))
                .isEqualByComparingTo(voucherAmount);
        assertThat(count("SELECT count(*) FROM customer WHERE last_seen_month = DATE '" + MONTH.atDay(1) + "'")).isEqualTo(CUSTOMERS);

        ReconciliationReport report = reconciler.reconcile(MONTH);
        assertThat(report.problems()).isEmpty();
        assertThat(report.rows()).hasSize(CUSTOMERS);
        // the job reconciled the month itself once both sides were loaded: l3 waited, summaries (loaded last) compared
        assertThat(runs.get("l3").reconciliation().state()).isEqualTo(Reconciliation.State.WAITING);
        assertThat(runs.get("summaries").reconciliation()).isEqualTo(
                new Reconciliation(MONTH, Reconciliation.State.RECONCILED, CUSTOMERS, 0, 0, List.of(), true));
        assertThat(runs.get("summaries").reconciliation().summary()).startsWith("L3 and L2 details match");
        assertThat(runs.get("l2").reconciliation().state()).as("l2 ran before the summaries were loaded")
                .isEqualTo(Reconciliation.State.WAITING);
        assertThat(report.rows()).as("the summaries' run compared L2 too, within its rounding tolerance")
                .allSatisfy(row -> assertThat(row.l2()).isNotNull());
        assertThat(runs.get("commission").reconciliation()).as("commission does not reconcile").isNull();
        assertThat(steps(runs.get("l3")).stream().map(StepExecution::getStepName)).as("the job's steps, in order")
                .containsExactly(MonthlyBillsJob.LIST_CUSTOMERS, MonthlyBillsJob.ARCHIVE_FILES, MonthlyBillsJob.LOAD_TABLES,
                        MonthlyBillsJob.MIRROR_TO_LAKE, MonthlyBillsJob.CHECK_LOADED, MonthlyBillsJob.CHECK_ARCHIVED,
                        MonthlyBillsJob.RECONCILE);
        assertThat(steps(runs.get("l3"))).allMatch(step -> step.getStatus() == BatchStatus.COMPLETED);
        // the files were staged while the month was still being archived, before the load step began
        StepExecution loadTables = steps(runs.get("l3")).stream()
                .filter(step -> step.getStepName().equals(MonthlyBillsJob.LOAD_TABLES)).findFirst().orElseThrow();
        long firstStaged = count("SELECT epoch_ms(min(started_at)) FROM load_log WHERE feed = 'l3'" + " AND bill_month = DATE '"
                + MONTH.atDay(1) + "'");
        assertThat(firstStaged).as("first l3 file staged, epoch ms UTC")
                .isLessThan(loadTables.getStartTime().atZone(java.time.ZoneId.systemDefault()).toInstant().toEpochMilli());

        for (String action : SIMULATOR.stats().requestsByAction().keySet()) {
            int limit = SUMMARY_ACTIONS.contains(action) ? SUMMARY_QPS : 20;
            assertThat(SIMULATOR.stats().maxRequestsPerSecond(action)).as(action).isLessThanOrEqualTo(limit);
            assertThat(SIMULATOR.stats().requestLimitExceeded(action)).as(action).isZero();
        }
    }

    @Test
    void anL3RunOnItsOwnAfterTheSummariesReconcilesTheMonthAndAChangedSummaryMakesTheRunUnreconciled() {
        // given three customers' summaries, pulled by a run of their own (before: only a command pulling both reconciled)
        YearMonth month = MONTH.minusMonths(10);
        List<Long> customers = SIMULATOR.data().customerUins().subList(30, 33);
        FeedRun summaries = runner.run(month, "summaries", customers);
        assertThat(summaries.succeeded()).as(summaries.reason()).isTrue();
        assertThat(summaries.reconciliation().state()).isEqualTo(Reconciliation.State.WAITING);

        // when their L3 details are pulled by a later run
        FeedRun l3 = runner.run(month, "l3", customers);

        // then that run reconciled the month and wrote its rows
        assertThat(l3.succeeded()).as(l3.reason()).isTrue();
        assertThat(l3.reconciliation()).isEqualTo(new Reconciliation(month, Reconciliation.State.RECONCILED, 3, 0, 0, List.of()));
        assertThat(l3.unreconciled()).isFalse();
        assertThat(reconciliationStatus(month)).containsExactlyElementsOf(
                customers.stream().sorted().map(uin -> List.<Object>of(uin, "RECONCILED")).toList());

        // when one customer's summary changes by 5.00 and the summaries are pulled again
        Long off = customers.get(1);
        SIMULATOR.faults().summaryMismatch(off, new BigDecimal("5.00"));
        FeedRun again;
        try {
            again = runner.run(month, "summaries", customers);
        } finally {
            SIMULATOR.faults().reset();
        }

        // then the run completed (the data is published as sent) but does not reconcile, naming the customer and amounts
        assertThat(again.succeeded()).as(again.reason()).isTrue();
        assertThat(again.unreconciled()).isTrue();
        assertThat(again.reconciliation().unreconciled()).isEqualTo(1);
        assertThat(again.reconciliation().problems()).singleElement().asString()
                .startsWith("customer " + off + ": UNRECONCILED, L3 total ").contains("(largest difference 5.00000000)");
        assertThat(reconciliationStatus(month)).contains(List.of(off, "UNRECONCILED"));

        // and a --customer run of another customer reconciles the whole month, reports the mismatch, but is not failed by it
        FeedRun other = runner.run(month, "l3", List.of(customers.get(0)));
        assertThat(other.reconciliation().state()).isEqualTo(Reconciliation.State.UNRECONCILED);
        assertThat(other.reconciliation().unreconciledInRun()).isZero();
        assertThat(other.unreconciled()).isFalse();
    }

    @Test
    void aFailedL3ReloadLeavesTheMonthsReconciliationStaleUntilARunCompletes() {
        // given a reconciled month of three customers
        YearMonth month = MONTH.minusMonths(11);
        List<Long> customers = SIMULATOR.data().customerUins().subList(40, 43);
        assertThat(runner.run(month, "summaries", customers).succeeded()).isTrue();
        assertThat(runner.run(month, "l3", customers).reconciliation().state()).isEqualTo(Reconciliation.State.RECONCILED);

        // when L3 is pulled again and one customer's file never arrives (the others are published)
        SIMULATOR.faults().neverReady(customers.get(2));
        FeedRun failed;
        try {
            failed = runner.run(month, "l3", customers);
        } finally {
            SIMULATOR.faults().reset();
        }

        // then the earlier result no longer stands as if still true: every row is STALE
        assertThat(failed.succeeded()).isFalse();
        assertThat(failed.reconciliation()).isNull();
        assertThat(reconciliationStatus(month)).extracting(row -> row.get(1)).containsOnly("STALE").hasSize(3);

        // when the run is resumed and completes
        FeedRun resumed = runner.run(month, "l3", customers);

        // then it reconciled the month again
        assertThat(resumed.succeeded()).as(resumed.reason()).isTrue();
        assertThat(resumed.reconciliation().state()).isEqualTo(Reconciliation.State.RECONCILED);
        assertThat(reconciliationStatus(month)).extracting(row -> row.get(1)).containsOnly("RECONCILED").hasSize(3);
    }

    @Test
    void aCustomerWhoseFileNeverBecomesReadyFailsAloneAndASecondRunCompletesOnlyThatCustomer() {
        YearMonth month = MONTH.minusMonths(1);
        List<Long> customers = SIMULATOR.data().customerUins().subList(0, 8);
        Long stuck = customers.get(3);
        SIMULATOR.faults().neverReady(stuck).serviceBusyEvery(5);
        RecordedProgress progress = new RecordedProgress();
        FeedRun first;
        try {
            first = runner.run(month, "l3", customers, progress);
        } finally {
            SIMULATOR.faults().reset();
        }
        assertThat(first.succeeded()).isFalse();
        assertThat(progress.events).contains("archive l3 " + month + " 8", "load l3 " + month + " 7");
        assertThat(progress.archived).isEqualTo(7);
        assertThat(progress.failed).isEqualTo(1);
        assertThat(first.reason()).contains("customer " + stuck).contains("not ready");
        for (Long uin : customers) {
            long expected = uin.equals(stuck) ? 0 : SIMULATOR.data().expected("l3", month, uin).rows();
            assertThat(count("SELECT count(*) FROM bill_l3" + monthFilter(month) + " AND customer_uin = " + uin))
                    .as("rows of " + uin + " after the failed run").isEqualTo(expected);
        }

        FeedRun second = runner.run(month, "l3", customers);

        assertThat(second.succeeded()).as(second.reason()).isTrue();
        for (Long uin : customers) {
            assertThat(count("SELECT count(*) FROM bill_l3" + monthFilter(month) + " AND customer_uin = " + uin))
                    .as("rows of " + uin).isEqualTo(SIMULATOR.data().expected("l3", month, uin).rows());
        }
        // the restart fetched only the missing file: one raw object per customer, not two
        assertThat(rawObjects("l3", month)).hasSize(customers.size());
    }

    @Test
    void aRunReportsEachFileArchivedAndLoadedToItsProgressListener() {
        // given three customers' L2 files and a listener for this run only
        YearMonth month = MONTH.minusMonths(5);
        List<Long> customers = SIMULATOR.data().customerUins().subList(20, 23);
        RecordedProgress progress = new RecordedProgress();

        // when
        FeedRun run = runner.run(month, "l2", customers, progress);

        // then: the totals up front, then every file's bytes and rows as it lands
        assertThat(run.succeeded()).as(run.reason()).isTrue();
        assertThat(progress.events).containsExactly("archive l2 " + month + " 3", "load l2 " + month + " 3");
        long bytes = customers.stream().mapToLong(uin -> SIMULATOR.data().expected("l2", month, uin).bytes()).sum();
        long rows = customers.stream().mapToLong(uin -> SIMULATOR.data().expected("l2", month, uin).rows()).sum();
        assertThat(progress.archived).isEqualTo(3);
        assertThat(progress.bytes).isEqualTo(bytes);
        assertThat(progress.inFlight).as("every file's bytes in flight taken back when it ended").isZero();
        assertThat(progress.loaded).isEqualTo(3);
        assertThat(progress.rows).isEqualTo(rows).isEqualTo(run.rows());
        assertThat(progress.failed).isZero();
    }

    @Test
    void theRawFileIsKeptUnchangedUnderItsDocumentedKeyWithItsSha256() {
        YearMonth month = MONTH.minusMonths(2);
        Long uin = SIMULATOR.data().customerUins().get(0);
        assertThat(runner.run(month, "l2", List.of(uin)).succeeded()).isTrue();

        List<S3Object> objects = rawObjects("l2", month);
        assertThat(objects).hasSize(1);
        assertThat(objects.get(0).key()).startsWith("raw/l2/bill_month=" + month + "/customer_uin=" + uin + "/");
        HeadObjectResponse head = storage.client().headObject(b -> b.bucket(storage.bucket()).key(objects.get(0).key()));
        assertThat(head.contentLength()).isEqualTo(SIMULATOR.data().expected("l2", month, uin).bytes());
        assertThat(head.metadata().get("sha256")).hasSize(64);
        assertThat(storage.client().listMultipartUploads(b -> b.bucket(storage.bucket())).uploads()).isEmpty();
    }

    @Test
    void reRunningCustomersReplacesThemWithIdenticalRowsAndKeepsBothRawFiles() {
        YearMonth month = MONTH.minusMonths(3);
        List<Long> customers = SIMULATOR.data().customerUins().subList(10, 13);
        String content = "SELECT * EXCLUDE (load_id, source_key) FROM bill_l3" + monthFilter(month)
                + " ORDER BY customer_uin, source_line";
        assertThat(runner.run(month, "l3", customers).succeeded()).isTrue();
        List<List<Object>> first = query(content);

        FeedRun second = runner.run(month, "l3", customers);

        assertThat(second.succeeded()).as(second.reason()).isTrue();
        assertThat(query(content)).isEqualTo(first);
        long expected = customers.stream().mapToLong(uin -> SIMULATOR.data().expected("l3", month, uin).rows()).sum();
        assertThat(first).hasSize((int) expected);
        assertThat(rawObjects("l3", month)).hasSize(2 * customers.size());
    }

    @Test
    void aFailedRunSaysWhyAndLeavesTheMonthsEarlierRowsVisible() {
        YearMonth month = MONTH.minusMonths(4);
        assertThat(runner.run(month, "commission", List.of()).succeeded()).isTrue();
        String rows = "SELECT count(*) FROM commission_detail" + monthFilter(month);
        long rowsBefore = count(rows);

        SIMULATOR.faults().neverReady("commission");
        FeedRun failed;
        try {
            failed = runner.run(month, "commission", List.of());
        } finally {
            SIMULATOR.faults().reset();
        }

        assertThat(failed.succeeded()).isFalse();
        assertThat(failed.reason()).contains("commission " + month).contains("not ready");
        assertThat(count(rows)).isEqualTo(rowsBefore).isPositive();
    }

    @Test
    void aFileThatFailedToLoadIsFetchedAnewByTheNextRunAndItsObjectStaysMarkedRejected() throws Exception {
        // given one customer's link answers a page that is no bill (text/csv, so it is archived) in the first run
        YearMonth month = MONTH.minusMonths(9);
        List<Long> customers = SIMULATOR.data().customerUins().subList(40, 43);
        Long bad = customers.get(1);
        byte[] page = "Access Denied.\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        SIMULATOR.faults().replaceFile(bad, "text/csv", page);
        FeedRun first;
        try {
            first = runner.run(month, "l3", customers);
        } finally {
            SIMULATOR.faults().reset();
        }
        assertThat(first.succeeded()).isFalse();
        assertThat(first.reason()).contains("customer " + bad).contains("fetches these files again");
        // the rows that did load were published and mirrored to the lake before the job failed, naming the file
        assertThat(steps(first).stream().map(step -> step.getStepName() + " " + step.getStatus())).containsExactly(
                MonthlyBillsJob.LIST_CUSTOMERS + " COMPLETED", MonthlyBillsJob.ARCHIVE_FILES + " COMPLETED",
                MonthlyBillsJob.LOAD_TABLES + " COMPLETED", MonthlyBillsJob.MIRROR_TO_LAKE + " COMPLETED",
                MonthlyBillsJob.CHECK_LOADED + " FAILED");
        long loadedRows = customers.stream().filter(uin -> !uin.equals(bad))
                .mapToLong(uin -> SIMULATOR.data().expected("l3", month, uin).rows()).sum();
        assertThat(lakeRows("bill_l3", month)).isEqualTo(loadedRows).isPositive();
        List<String> badKeys = rawObjects("l3", month).stream().map(S3Object::key)
                .filter(k -> k.contains("/customer_uin=" + bad + "/")).toList();
        assertThat(badKeys).hasSize(2);
        String badKey = badKeys.stream().filter(k -> !k.endsWith(".rejected")).findFirst().orElseThrow();

        // when the fault is gone and the month is run again (a restart of the failed execution)
        FeedRun second = runner.run(month, "l3", customers);

        // then that customer's file is fetched anew and loads; the bad object is kept, unchanged, beside its mark
        assertThat(second.succeeded()).as(second.reason()).isTrue();
        for (Long uin : customers) {
            assertThat(count("SELECT count(*) FROM bill_l3" + monthFilter(month) + " AND customer_uin = " + uin))
                    .as("rows of " + uin).isEqualTo(SIMULATOR.data().expected("l3", month, uin).rows());
        }
        assertThat(storage.client().getObjectAsBytes(b -> b.bucket(storage.bucket()).key(badKey)).asByteArray())
                .isEqualTo(page);
        assertThat(storage.client().getObjectAsBytes(b -> b.bucket(storage.bucket()).key(badKey + ".rejected"))
                .asUtf8String()).startsWith("rejected ").contains("customer " + bad).contains(badKey);
        assertThat(rawObjects("l3", month).stream().map(S3Object::key).filter(k -> k.contains("/customer_uin=" + bad + "/")))
                .as("the bad object, its mark and the new object").hasSize(3);
        assertThat(rawObjects("l3", month)).as("one object for each other customer").hasSize(customers.size() - 1 + 3);
    }

    @Test
    void anArchivedObjectWhoseBytesNoLongerMatchItsHashIsRejectedAndFetchedAnew() {
        // given a first run that fails (one customer is never ready) after archiving and loading the other
        YearMonth month = MONTH.minusMonths(13);
        List<Long> customers = SIMULATOR.data().customerUins().subList(50, 52);
        Long tampered = customers.get(0);
        SIMULATOR.faults().neverReady(customers.get(1));
        try {
            assertThat(runner.run(month, "l3", customers).succeeded()).isFalse();
        } finally {
            SIMULATOR.faults().reset();
        }
        S3Object archived = rawObjects("l3", month).get(0);
        assertThat(archived.key()).contains("/customer_uin=" + tampered + "/");
        HeadObjectResponse head = storage.client().headObject(b -> b.bucket(storage.bucket()).key(archived.key()));
        storage.client().putObject(b -> b.bucket(storage.bucket()).key(archived.key()).metadata(head.metadata()),
                software.amazon.awssdk.core.sync.RequestBody.fromString("not the bytes that were archived\n"));

        // when the month is resumed: the load step fetches the tampered object back
        FeedRun second = runner.run(month, "l3", customers);
        FeedRun third = runner.run(month, "l3", customers);

        // then it is refused and marked, the earlier rows stay, and the next run fetches that file anew
        assertThat(second.succeeded()).isFalse();
        assertThat(second.reason()).contains("customer " + tampered).contains(archived.key()).contains("does not match")
                .contains("fetches these files again");
        assertThat(storage.client().getObjectAsBytes(b -> b.bucket(storage.bucket()).key(archived.key() + ".rejected"))
                .asUtf8String()).contains("does not match");
        assertThat(third.succeeded()).as(third.reason()).isTrue();
        for (Long uin : customers) {
            assertThat(count("SELECT count(*) FROM bill_l3" + monthFilter(month) + " AND customer_uin = " + uin))
                    .as("rows of " + uin).isEqualTo(SIMULATOR.data().expected("l3", month, uin).rows());
        }
    }

    @Test
    void aMonthTheApiRefusesFailsNamingTheApiError() {
        FeedRun run = runner.run(YearMonth.now().plusMonths(1), "commission", List.of());

        assertThat(run.succeeded()).isFalse();
        assertThat(run.reason()).contains("InvalidParameterValue.InvalidMonth");
    }

    /** Counts what a run reports; the archive step reports from several threads. */
    private static final class RecordedProgress implements RunProgress {
        final List<String> events = new java.util.concurrent.CopyOnWriteArrayList<>();
        int archived;
        int failed;
        int loaded;
        long bytes;
        long inFlight;
        long rows;

        @Override
        public synchronized void bytesInFlight(String feed, YearMonth month, long delta) {
            inFlight += delta;
        }

        @Override
        public void archiveStarted(String feed, YearMonth month, int files) {
            events.add("archive " + feed + " " + month + " " + files);
        }

        @Override
        public synchronized void fileArchived(String feed, YearMonth month, long size) {
            archived++;
            bytes += size;
        }

        @Override
        public synchronized void fileFailed(String feed, YearMonth month) {
            failed++;
        }

        @Override
        public void loadStarted(String feed, YearMonth month, int files) {
            events.add("load " + feed + " " + month + " " + files);
        }

        @Override
        public synchronized void fileLoaded(String feed, YearMonth month, long fileRows) {
            loaded++;
            rows += fileRows;
        }
    }

    private List<S3Object> rawObjects(String feed, YearMonth month) {
        return storage.client().listObjectsV2(b -> b.bucket(storage.bucket())
                .prefix("raw/" + feed + "/bill_month=" + month + "/")).contents();
    }

    /** (customer_uin, status) of the month's reconciliation, by customer. */
    private static List<List<Object>> reconciliationStatus(YearMonth month) {
        return query("SELECT customer_uin, status FROM reconciliation" + monthFilter(month) + " ORDER BY customer_uin");
    }

    private static String monthFilter(YearMonth month) {
        return " WHERE bill_month = DATE '" + month.atDay(1) + "'";
    }

    private static Map<Long, BigDecimal[]> perCustomer(String sql) {
        Map<Long, BigDecimal[]> result = new HashMap<>();
        for (List<Object> row : query(sql)) {
            result.put(((Number) row.get(0)).longValue(),
                    new BigDecimal[] {new BigDecimal(row.get(1).toString()), new BigDecimal(row.get(2).toString())});
        }
        return result;
    }

    /** The job-level steps of a run's execution (not the per-file partitions), in the order they started. */
    private List<StepExecution> steps(FeedRun run) {
        return jobRepository.getJobExecution(run.executionId()).getStepExecutions().stream()
                .filter(step -> !step.getStepName().contains(":"))
                .sorted(Comparator.comparing(StepExecution::getId)).toList();
    }

    /** Rows of a table's month in the lake's Parquet object. */
    private long lakeRows(String table, YearMonth month) throws Exception {
        Path local = Files.createTempFile("lake-", ".parquet");
        try {
            Files.delete(local);
            storage.client().getObject(b -> b.bucket(storage.bucket()).key(CuratedLayout.lakeKey(table, month)),
                    ResponseTransformer.toFile(local));
            try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
                 ResultSet rows = duck.createStatement().executeQuery("SELECT count(*) FROM read_parquet('" + local + "')")) {
                rows.next();
                return rows.getLong(1);
            }
        } finally {
            Files.deleteIfExists(local);
        }
    }
}
