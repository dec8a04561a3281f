package io.tcbill.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tcbill.IntegrationTest;
import io.tcbill.simulator.PartnerSimulator;
import io.tcbill.simulator.SimulatorConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code backfill} and {@code status} as a user runs them: configuration from the environment (here: system
 * properties, which Spring reads the same way), one command after another on the same metadata and DuckDB file. Each
 * test has its own directory (metadata, DuckDB file, objects) and makes the months it needs itself.
 */
@IntegrationTest
class BackfillAndStatusCommandTest {

    @TempDir
    Path dir;

    private static PartnerSimulator simulator;
    private Map<String, String> settings;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeAll
    static void startSimulator() {
        simulator = PartnerSimulator.start(SimulatorConfig.defaults().withCustomers(3, 1).withPollsBeforeReady(1));
    }

    @AfterAll
    static void stopSimulator() {
        simulator.close();
    }

    @BeforeEach
    void configure() {
        settings = Map.of(
                "tcbill.api.endpoint", simulator.endpoint().toString(),
                "tcbill.api.secret-id", SimulatorConfig.DEMO_SECRET_ID,
                "tcbill.api.secret-key", SimulatorConfig.DEMO_SECRET_KEY,
                "tcbill.download.allowed-hosts", "127.0.0.1",
                "tcbill.poll.initial-interval", "20ms",
                "tcbill.storage.embedded-dir", dir.resolve("objects").toString(),
                "tcbill.duckdb.path", dir.resolve("tcbill.duckdb").toString(),
                "spring.datasource.url", "jdbc:h2:file:" + dir.resolve("meta") + ";DB_CLOSE_ON_EXIT=FALSE");
        settings.forEach(System::setProperty);
    }

    @AfterEach
    void clear() {
        settings.keySet().forEach(System::clearProperty);
        simulator.faults().reset();
    }

    private int execute(String... args) {
        CommandLine cli = TcbillCli.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
    }

    @Test
    void aDryRunOverAYearPlansTwelveMonthsAndChangesNothing() {
        assertThat(execute("backfill", "--from", "2025-01", "--to", "2025-12", "--feed", "l3", "--dry-run")).isZero();

        assertThat(out.toString()).contains("Backfill plan: 12 of 12 month(s), 12 run(s)")
                .contains("2025-01 l3          run: never run").contains("2025-12 l3          run: never run")
                .contains("dry run: nothing was changed");
        out.getBuffer().setLength(0);
        assertThat(execute("status")).isZero();
        assertThat(out.toString()).contains("No runs yet");
    }

    @Test
    void theBackfillLoadsEveryMonthAndStatusShowsThem() {
        assertThat(execute("backfill", "--from", "2025-01", "--to", "2025-12", "--feed", "l3")).as(out + "\n" + err).isZero();
        assertThat(out.toString()).containsPattern("2025-06 +OK +\\d+ rows|l3 +2025-06 +OK");

        out.getBuffer().setLength(0);
        assertThat(execute("status")).isZero();
        String status = out.toString();
        for (int m = 1; m <= 12; m++) {
            assertThat(status).containsPattern(String.format("2025-%02d +l3 +COMPLETED", m));
            // the reseller's other feeds never ran: listed, with what to run (they used to be left out)
            assertThat(status).containsPattern(String.format("2025-%02d +summaries +NOT RUN .*run: tcbill run --month"
                    + " 2025-%02d --feed summaries", m, m));
        }
        // times carry their offset (they used to be local times without one)
        assertThat(status).containsPattern("2025-06 +l3 +COMPLETED .* \\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}[+-]\\d{2}:\\d{2}");
        assertThat(status).contains("execution/attempt");

        out.getBuffer().setLength(0);
        assertThat(execute("status", "--month", "2025-03", "--json")).isZero();
        assertThat(out.toString()).contains("\"month\" : \"2025-03\"").contains("\"state\" : \"COMPLETED\"")
                .contains("raw/l3/bill_month=2025-03/customer_uin=").contains("\"rejectedRows\" : 0")
                .containsPattern("\"ended\" : \"\\d{4}-\\d{2}-\\d{2}T[\\d:]{8}[+-]\\d{2}:\\d{2}\"")
                .contains("\"state\" : \"NOT RUN\"", "\"next\" : \"tcbill run --month 2025-03 --feed vouchers\"");

        // a month nothing ran in: every feed listed as never run, exit 0
        out.getBuffer().setLength(0);
        assertThat(execute("status", "--month", "2024-02")).isZero();
        assertThat(out.toString()).containsPattern("2024-02 +l3 +NOT RUN").containsPattern("2024-02 +commission +NOT RUN");
    }

    @Test
    void aSecondBackfillSkipsCompletedMonthsUnlessAskedToReprocessThem() {
        // given two months backfilled
        assertThat(execute("backfill", "--from", "2025-11", "--to", "2025-12", "--feed", "l3")).as(out + "\n" + err).isZero();
        out.getBuffer().setLength(0);

        assertThat(execute("backfill", "--from", "2025-10", "--to", "2025-12", "--feed", "l3", "--dry-run")).isZero();
        assertThat(out.toString()).contains("Backfill plan: 1 of 3 month(s), 1 run(s)").contains("skip: completed");

        out.getBuffer().setLength(0);
        assertThat(execute("backfill", "--from", "2025-11", "--to", "2025-12", "--feed", "l3", "--reprocess", "all",
                "--dry-run")).isZero();
        assertThat(out.toString()).contains("2 of 2 month(s), 2 run(s)").contains("run again: completed, --reprocess all");
    }

    @Test
    void aBackfillOfTheSummariesAloneReconcilesEachMonthAndEndsWith4OnAMismatch() {
        // given the L3 details of 2025-03 loaded, and one customer's summary off by 5.00
        Long off = simulator.data().customerUins().get(0);
        // when the summaries are backfilled on their own (before: nothing reconciled, exit 0)
        int exit = summariesOffBy5(off);

        // then the month was reconciled by that run and the backfill ends with 4, naming the customer
        assertThat(exit).as(out + "\n" + err).isEqualTo(ExitCodes.UNRECONCILED);
        assertThat(out.toString()).contains("reconcile  2025-03  UNRECONCILED 1 of 3 customers", "customer " + off + ": UNRECONCILED");
        out.getBuffer().setLength(0);
        // and status says so with its exit code too (it used to exit 0 whatever it showed), for the month and overall
        assertThat(execute("status", "--month", "2025-03")).isEqualTo(ExitCodes.UNRECONCILED);
        assertThat(out.toString()).containsPattern("2025-03 +summaries +COMPLETED .* UNRECONCILED \\(1 of 3 customers\\)");
        assertThat(execute("status")).isEqualTo(ExitCodes.UNRECONCILED);
        assertThat(execute("status", "--month", "2025-04")).isZero();
    }

    @Test
    void statusExits1WhenAShownMonthFailed() {
        // given: an unreconciled 2025-03, a completed 2025-06, and a run of 2025-05 in which one customer's file never
        // becomes ready
        assertThat(summariesOffBy5(simulator.data().customerUins().get(0))).as(out + "\n" + err).isEqualTo(ExitCodes.UNRECONCILED);
        assertThat(execute("run", "--month", "2025-06", "--feed", "l3")).as(out + "\n" + err).isZero();
        simulator.faults().neverReady(simulator.data().customerUins().get(1));
        System.setProperty("tcbill.poll.deadline", "1s");
        try {
            assertThat(execute("run", "--month", "2025-05", "--feed", "l3")).as(out + "\n" + err).isEqualTo(ExitCodes.RUN_FAILED);
        } finally {
            System.clearProperty("tcbill.poll.deadline");
            simulator.faults().reset();
        }
        out.getBuffer().setLength(0);

        // when / then: a failed month wins over an unreconciled one; months that are fine exit 0
        assertThat(execute("status")).as(out.toString()).isEqualTo(ExitCodes.RUN_FAILED);
        assertThat(out.toString()).containsPattern("2025-05 +l3 +FAILED");
        assertThat(execute("status", "--month", "2025-05")).isEqualTo(ExitCodes.RUN_FAILED);
        assertThat(execute("status", "--month", "2025-03")).isEqualTo(ExitCodes.UNRECONCILED);
        assertThat(execute("status", "--month", "2025-06")).isZero();
    }

    /** Loads 2025-03's L3, then backfills its summaries alone with {@code off}'s 5.00 off; the backfill's exit code. */
    private int summariesOffBy5(Long off) {
        assertThat(execute("run", "--month", "2025-03", "--feed", "l3")).as(out + "\n" + err).isZero();
        out.getBuffer().setLength(0);
        simulator.faults().summaryMismatch(off, new java.math.BigDecimal("5.00"));
        try {
            return execute("backfill", "--from", "2025-03", "--to", "2025-03", "--feed", "summaries");
        } finally {
            simulator.faults().reset();
        }
    }
}
