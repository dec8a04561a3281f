package io.tcbill.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.tcbill.IntegrationTest;
import io.tcbill.simulator.PartnerSimulator;
import io.tcbill.simulator.SimulatorConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Really kills {@code tcbill run} (SIGKILL, in a child JVM) at each boundary of the monthly job and runs it again with
 * no manual step: the month ends with exactly the tables of an uninterrupted run (the simulator's expected rows and
 * totals per customer), files archived before the kill are not fetched again, and the dead run is recovered and its
 * run lock taken over. Also two runs of the same month at once (one is refused, clearly, without waiting) and SIGTERM
 * (stops cleanly, resumed later). The child is paused at a step of the job ({@link PausingTcbill}) and the test
 * judges by state: objects in the store, the simulator's download count, the job's statuses in the metadata.
 */
@IntegrationTest
class CrashRestartIntegrationTest {

    private static final YearMonth MONTH = YearMonth.of(2026, 6);
    private static final int CUSTOMERS = 10;
    private static final Duration RUN_TIMEOUT = Duration.ofSeconds(90);
    private static PartnerSimulator simulator;

    @BeforeAll
    static void start() {
        simulator = PartnerSimulator.start(SimulatorConfig.defaults().withCustomers(CUSTOMERS, 1)
                .withRows(10, 10, 30, 10, 10).withPollsBeforeReady(1));
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    @Test
    void killedWhileArchivingResumesFetchingOnlyTheMissingFiles(@TempDir Path dir) throws Exception {
        // paused once the third file's step is saved COMPLETED (the other worker stops at its next metadata write)
        ChildRun first = ChildRun.start(environment(dir, "200ms"), args(), new ChildRun.Pause("archiveFile:", "COMPLETED", 3));
        first.awaitPause(RUN_TIMEOUT);
        first.kill();
        long archivedBeforeKill = rawObjects(dir);
        assertThat(archivedBeforeKill).isBetween(3L, CUSTOMERS - 1L);

        long downloads = simulator.stats().downloads();
        runToTheEnd(dir);

        long fetchedAgain = simulator.stats().downloads() - downloads;
        assertThat(fetchedAgain).as("downloads of the second run").isLessThan(CUSTOMERS);
        assertThat(rawObjects(dir)).isEqualTo(archivedBeforeKill + fetchedAgain);
        // the killed run was recovered (FAILED) and its lock taken over by the second one, which completed
        assertThat(jobStatuses(dir)).containsExactly("FAILED", "COMPLETED");
        assertMonthIsComplete(dir);
    }

    @Test
    void killedWhenTheLoadStartsLoadsWithoutFetchingAgain(@TempDir Path dir) throws Exception {
        ChildRun first = ChildRun.start(environment(dir, "20ms"), args(), new ChildRun.Pause("loadTables", "STARTED", 1));
        first.awaitPause(RUN_TIMEOUT);
        first.kill();
        assertThat(rawObjects(dir)).isEqualTo(CUSTOMERS);

        long downloads = simulator.stats().downloads();
        runToTheEnd(dir);

        assertThat(simulator.stats().downloads()).as("downloads of the second run").isEqualTo(downloads);
        assertThat(rawObjects(dir)).isEqualTo(CUSTOMERS);
        assertThat(jobStatuses(dir)).containsExactly("FAILED", "COMPLETED");
        assertMonthIsComplete(dir);
    }

    @Test
    void killedAfterPublishingBeforeTheJobEndedShowsTheWholeMonthAndLoadsItAgainIdentically(@TempDir Path dir)
            throws Exception {
        ChildRun first = ChildRun.start(environment(dir, "20ms"), args(), new ChildRun.Pause("loadTables", "COMPLETED", 1));
        first.awaitPause(RUN_TIMEOUT);
        first.kill();
        assertMonthIsComplete(dir);
        assertThat(jobStatuses(dir)).containsExactly("STARTED");

        long downloads = simulator.stats().downloads();
        runToTheEnd(dir);

        assertThat(simulator.stats().downloads()).as("downloads of the second run").isEqualTo(downloads);
        assertThat(rawObjects(dir)).isEqualTo(CUSTOMERS);
        assertMonthIsComplete(dir);
        assertThat(jobStatuses(dir)).containsExactly("FAILED", "COMPLETED");
    }

    @Test
    void aSecondRunOfTheSameMonthAndFeedIsRefusedAtOnceWhileTheFirstRuns(@TempDir Path dir) throws Exception {
        Map<String, String> environment = environment(dir, "20ms");
        // two processes share one H2 file only through H2's automatic server mode; PostgreSQL needs nothing of the kind
        environment.put("SPRING_DATASOURCE_URL", "jdbc:h2:file:" + dir.resolve("meta") + ";AUTO_SERVER=TRUE;WRITE_DELAY=0");
        ChildRun first = ChildRun.start(environment, args(), new ChildRun.Pause("archiveFiles", "STARTED", 1));
        first.awaitPause(RUN_TIMEOUT);

        long downloads = simulator.stats().downloads();
        ChildRun second = ChildRun.start(environment, args(), null);
        int refused = second.awaitExit(RUN_TIMEOUT);
        first.kill();

        assertThat(refused).as(second.out() + second.log()).isEqualTo(1);
        assertThat(second.out()).contains("already running on").contains("pid " + first.pid()).contains("(execution 1)")
                .contains("wait for it or, if that process is gone, run again");
        assertThat(simulator.stats().downloads()).as("downloads while the second run was refused").isEqualTo(downloads);
        assertThat(rawObjects(dir)).isZero();
    }

    @Test
    void sigtermStopsTheRunCleanlyAndTheNextRunResumesIt(@TempDir Path dir) throws Exception {
        // on the default metadata URL's kind of H2 (shared with AUTO_SERVER=TRUE, which H2 allows only with its own
        // close-on-exit hook): H2 used to close the database under the stopping run ("Database is already closed")
        Map<String, String> environment = environment(dir, "1s");
        environment.put("SPRING_DATASOURCE_URL", "jdbc:h2:file:" + dir.resolve("meta") + ";AUTO_SERVER=TRUE;WRITE_DELAY=0");
        ChildRun first = ChildRun.start(environment, args(), null);
        first.await("a first file archived", () -> rawObjects(dir) > 0, RUN_TIMEOUT);

        int exit = first.terminate(Duration.ofSeconds(40));

        // the JVM's code for a SIGTERM (README: 143, 130 for Ctrl-C); STOPPED in the output and in the metadata, and a
        // stop is no error: no ERROR line and no stack trace in the log
        assertThat(exit).as(first.log()).isEqualTo(143);
        assertThat(first.out()).as("exit " + exit + ", log: " + first.log()).contains(" STOPPED ")
                .doesNotContain("FAILED");
        assertThat(first.log().lines().filter(line -> line.contains(" ERROR ") || line.startsWith("\tat "))).isEmpty();
        assertThat(jobStatuses(dir)).as(first.log()).containsExactly("STOPPED");
        runToTheEnd(dir);
        // the stopped run was resumed as it was, not recovered as a dead one (that would have marked it FAILED)
        assertThat(jobStatuses(dir)).containsExactly("STOPPED", "COMPLETED");
        assertMonthIsComplete(dir);
    }

    private static void runToTheEnd(Path dir) throws InterruptedException {
        ChildRun run = ChildRun.start(environment(dir, "20ms"), args(), null);
        int exit = run.awaitExit(RUN_TIMEOUT);
        assertThat(exit).as(run.out() + "\n" + run.log()).isZero();
        assertThat(run.out()).contains("OK");
    }

    private static List<String> args() {
        return List.of("--month", MONTH.toString(), "--feed", "l3");
    }

    private static Map<String, String> environment(Path dir, String pollInterval) {
        Map<String, String> environment = new HashMap<>();
        environment.put("TCBILL_API_ENDPOINT", simulator.endpoint().toString());
        environment.put("TENCENTCLOUD_SECRET_ID", SimulatorConfig.DEMO_SECRET_ID);
        environment.put("TENCENTCLOUD_SECRET_KEY", SimulatorConfig.DEMO_SECRET_KEY);
        environment.put("TCBILL_API_ROLE", "reseller");
        environment.put("TCBILL_API_INITIAL_BACKOFF", "50ms");
        environment.put("TCBILL_DOWNLOAD_ALLOWED_HOSTS", "127.0.0.1");
        environment.put("TCBILL_POLL_INITIAL_INTERVAL", pollInterval);
        environment.put("TCBILL_POLL_MAX_INTERVAL", "2s");
        environment.put("TCBILL_JOB_CONCURRENCY", "2");
        environment.put("TCBILL_STORAGE_ENDPOINT", "");
        environment.put("TCBILL_STORAGE_EMBEDDED_DIR", dir.resolve("objects").toString());
        environment.put("TCBILL_DUCKDB_PATH", dir.resolve("tcbill.duckdb").toString());
        // WRITE_DELAY=0: H2 otherwise writes commits to the file up to 0.5 s late, and a kill loses them (the run is
        // still correct, it only fetches again what it had archived in that last half second)
        environment.put("SPRING_DATASOURCE_URL", "jdbc:h2:file:" + dir.resolve("meta") + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0");
        return environment;
    }

    /** Per customer, the rows and total cost of an uninterrupted run: the simulator's own figures; nothing twice. */
    private static void assertMonthIsComplete(Path dir) throws SQLException {
        Map<Long, List<BigDecimal>> loaded = new HashMap<>();
        Properties readOnly = new Properties();
        readOnly.setProperty("duckdb.read_only", "true");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + dir.resolve("tcbill.duckdb"), readOnly);
             ResultSet rows = c.createStatement().executeQuery("SELECT customer_uin, count(*), sum(total_cost) FROM bill_l3"
                     + " WHERE bill_month = DATE '" + MONTH.atDay(1) + "' GROUP BY customer_uin")) {
            while (rows.next()) {
                loaded.put(rows.getLong(1), List.of(rows.getBigDecimal(2), rows.getBigDecimal(3)));
            }
        }
        long customersWithRows = 0;
        for (Long uin : simulator.data().customerUins()) {
            var expected = simulator.data().expected("l3", MONTH, uin);
            if (expected.rows() == 0) {
                assertThat(loaded).doesNotContainKey(uin);
                continue;
            }
            customersWithRows++;
            assertThat(loaded.get(uin)).as("customer " + uin).isNotNull();
            assertThat(loaded.get(uin).get(0).longValue()).as("rows of " + uin).isEqualTo(expected.rows());
            assertThat(loaded.get(uin).get(1)).as("total of " + uin).isEqualByComparingTo(expected.totalCost());
        }
        assertThat(loaded).hasSize((int) customersWithRows);
    }

    /** The raw objects of the month in the embedded store's directory. */
    private static long rawObjects(Path dir) {
        Path month = dir.resolve("objects").resolve("tcbill").resolve("raw/l3/bill_month=" + MONTH);
        if (!Files.isDirectory(month)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(month)) {
            return files.filter(Files::isRegularFile).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The statuses of the month's job executions, oldest first, read from the metadata the child left. */
    private static List<String> jobStatuses(Path dir) throws SQLException {
        List<String> statuses = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + dir.resolve("meta"), "sa", "");
             ResultSet rows = c.createStatement().executeQuery(
                     "SELECT STATUS FROM BATCH_JOB_EXECUTION ORDER BY JOB_EXECUTION_ID")) {
            while (rows.next()) {
                statuses.add(rows.getString(1));
            }
        }
        return statuses;
    }
}
