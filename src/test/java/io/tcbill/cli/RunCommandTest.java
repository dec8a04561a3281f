package io.tcbill.cli;

import io.tcbill.feed.Role;
import static org.assertj.core.api.Assertions.assertThat;

import io.tcbill.IntegrationTest;
import io.tcbill.app.SimulatorOverrides;
import io.tcbill.console.RunOutput;
import io.tcbill.simulator.BillData;
import io.tcbill.simulator.PartnerSimulator;
import io.tcbill.simulator.SimulatorConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code run} in its own context for the configurations the shared job tests do not use: packs and the customer role. */
@IntegrationTest
class RunCommandTest {

    private static final YearMonth MONTH = YearMonth.of(2026, 7);
    private static PartnerSimulator simulator;

    @BeforeAll
    static void start() {
        simulator = PartnerSimulator.start(SimulatorConfig.defaults().withCustomers(6, 1).withPollsBeforeReady(1)
                .withPackRowLimit(300));
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    @Test
    void aResellerPackLoadsEveryCustomerFromOneZip(@TempDir Path dir) throws SQLException {
        Map<String, Object> overrides = overrides(dir, Role.RESELLER);
        overrides.put("tcbill.job.reseller-bills", "pack");

        int exit = run(List.of("l3"), overrides);

        assertThat(exit).as(output).isEqualTo(ExitCodes.OK);
        BillData.ExpectedFile expected = simulator.data().expectedPack("l3", MONTH);
        assertThat(query(dir, "SELECT count(*) FROM bill_l3")).isEqualTo(BigDecimal.valueOf(expected.rows()));
        assertThat(query(dir, "SELECT sum(total_cost) FROM bill_l3")).isEqualByComparingTo(expected.totalCost());
        for (Long uin : simulator.data().customerUins()) {
            assertThat(query(dir, "SELECT count(*) FROM bill_l3 WHERE customer_uin = " + uin))
                    .isEqualTo(BigDecimal.valueOf(simulator.data().expected("l3", MONTH, uin).rows()));
        }
        // the month's customers are listed in pack mode too: the pack is checked against that list
        assertThat(query(dir, "SELECT count(*) FROM customer_month WHERE bill_month = DATE '" + MONTH.atDay(1) + "'"))
                .isEqualTo(BigDecimal.valueOf(simulator.data().customerUins().size()));
    }

    @Test
    void theCustomerRolePullsTheAccountsOwnBills(@TempDir Path dir) throws SQLException {
        int exit = run(List.of(), overrides(dir, Role.CUSTOMER));

        assertThat(exit).as(output).isEqualTo(ExitCodes.OK);
        assertThat(output).contains("l2 ").contains("l3 ").doesNotContain("commission").doesNotContain("reconcile");
        BillData.ExpectedFile l3 = simulator.data().expected("l3", MONTH, null);
        assertThat(query(dir, "SELECT count(*) FROM bill_l3 WHERE customer_uin IS NULL")).isEqualTo(BigDecimal.valueOf(l3.rows()));
        assertThat(query(dir, "SELECT sum(total_cost) FROM bill_l3")).isEqualByComparingTo(l3.totalCost());
    }

    @Test
    void aSummaryThatDisagreesWithTheDetailsEndsUnreconciledNamingTheCustomer(@TempDir Path dir) {
        Long uin = simulator.data().customerUins().get(1);
        simulator.faults().summaryMismatch(uin, new BigDecimal("5.00"));
        try {
            int exit = run(List.of("l3", "summaries"), overrides(dir, Role.RESELLER));

            assertThat(exit).as(output).isEqualTo(ExitCodes.UNRECONCILED);
            assertThat(output).contains("UNRECONCILED 1 of").contains("customer " + uin);
        } finally {
            simulator.faults().reset();
        }
    }

    @Test
    void anL3RunOnItsOwnAfterTheSummariesReconcilesTheMonthAndEndsWith4OnAMismatch(@TempDir Path dir) {
        // given the month's summaries, pulled alone, with one customer's total off by 5.00
        Long uin = simulator.data().customerUins().get(2);
        Map<String, Object> overrides = overrides(dir, Role.RESELLER);
        simulator.faults().summaryMismatch(uin, new BigDecimal("5.00"));
        try {
            assertThat(run(List.of("summaries"), overrides)).as(output).isEqualTo(ExitCodes.OK);
            assertThat(output).contains("reconcile  " + MONTH + "  -      not reconciled yet");
        } finally {
            simulator.faults().reset();
        }

        // when the L3 details are pulled by a command of their own (before: no reconciliation, exit 0)
        int exit = run(List.of("l3"), overrides);

        // then that run reconciled the month and ends with 4, naming the customer and the amounts
        assertThat(exit).as(output).isEqualTo(ExitCodes.UNRECONCILED);
        assertThat(output).contains("reconcile  " + MONTH + "  UNRECONCILED 1 of 6 customers")
                .containsPattern("customer " + uin + ": UNRECONCILED, L3 total [\\d.]+ vs summary [\\d.]+ \\(largest difference 5\\.00000000\\)");
    }

    private String output = "";

    private int run(List<String> feeds, Map<String, Object> overrides) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = RunCommand.execute(MONTH, feeds, List.of(), overrides,
                new RunOutput(new PrintWriter(out), new PrintWriter(err), null));
        output = out + "\n" + err;
        return exit;
    }

    private static Map<String, Object> overrides(Path dir, Role role) {
        Map<String, Object> overrides = SimulatorOverrides.of(simulator, dir, role);
        overrides.put("tcbill.poll.initial-interval", "20ms");
        return overrides;
    }

    private static BigDecimal query(Path dir, String sql) throws SQLException {
        Properties readOnly = new Properties();
        readOnly.setProperty("duckdb.read_only", "true");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + dir.resolve("tcbill.duckdb"), readOnly);
             ResultSet rows = c.createStatement().executeQuery(sql)) {
            rows.next();
            return new BigDecimal(rows.getObject(1).toString());
        }
    }
}
