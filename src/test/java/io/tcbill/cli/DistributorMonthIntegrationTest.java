package io.tcbill.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tcbill.IntegrationTest;
import io.tcbill.simulator.BillData;
import io.tcbill.simulator.FileLayout;
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
import java.sql.Statement;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * A distributor's month ({@code tcbill.api.customer-types=Customer,Reseller,ResellerCustomer}) through the simulator's
 * distributor (direct customers, two second-level resellers, each with customers) and the real {@code run} command:
 * every UIN of every type is listed with its type, its files asked for with its CustomerUinType, loaded with the exact
 * totals the simulator generated, and reconciled; a customer type the API does not know stops the run with exit 3.
 */
@IntegrationTest
class DistributorMonthIntegrationTest {

    private static final YearMonth MONTH = YearMonth.of(2025, 3);
    private static final int DIRECT = 3;
    private static final int EACH = 2;
    private static final List<String> SUMMARY_ACTIONS =
            List.of("DescribeBillSummaryByRegion", "DescribeBillSummaryByProduct", "DescribeBillSummaryByPayMode");
    private static PartnerSimulator simulator;

    @TempDir
    Path dir;

    private final Map<String, String> settings = new HashMap<>();
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeAll
    static void startDistributor() {
        SimulatorConfig config = SimulatorConfig.defaults().withCustomers(DIRECT, 1).withDistributor(EACH)
                .withRows(10, 6, 9, 5, 12).withPollsBeforeReady(1).withFileLayout(FileLayout.Y2024);
        for (String action : SUMMARY_ACTIONS) {
            config = config.withRateLimit(action, 20);
        }
        simulator = PartnerSimulator.start(config);
    }

    @AfterAll
    static void stopDistributor() {
        simulator.close();
    }

    @AfterEach
    void clear() {
        settings.keySet().forEach(System::clearProperty);
    }

    @Test
    void aDistributorMonthLoadsEveryCustomerTypeWithExactTotalsAndReconciles() throws SQLException {
        // given a distributor with 3 direct customers (one without bills) and 2 second-level resellers of 2 customers each
        BillData data = simulator.data();
        assertThat(data.resellerUins()).hasSize(SimulatorConfig.SECOND_LEVEL_RESELLERS);
        List<Long> everyone = data.billableUins();
        assertThat(everyone).hasSize(DIRECT + SimulatorConfig.SECOND_LEVEL_RESELLERS * (1 + EACH));

        // when every feed of the month is pulled for all three customer types
        int exit = execute(Map.of("tcbill.api.customer-types", "Customer,Reseller,ResellerCustomer"),
                "run", "--month", MONTH.toString(), "--no-progress");

        // then: success, and the month reconciled for every UIN
        assertThat(exit).as(out + "\n" + err).isEqualTo(ExitCodes.OK);
        try (Connection duckdb = analyst()) {
            // customer_month knows each UIN's type and a reseller customer's second-level reseller
            Map<Long, List<Object>> listed = new HashMap<>();
            for (List<Object> row : rows(duckdb, "SELECT customer_uin, customer_type, reseller_uin FROM customer_month"
                    + " WHERE bill_month = DATE '" + MONTH.atDay(1) + "'")) {
                listed.put(((Number) row.get(0)).longValue(), row);
            }
            assertThat(listed.keySet()).containsExactlyInAnyOrderElementsOf(everyone);
            for (long uin : everyone) {
                List<Object> row = listed.get(uin);
                assertThat(row.get(1)).as("type of " + uin).isEqualTo(data.customerType(uin));
                Long reseller = row.get(2) == null ? null : ((Number) row.get(2)).longValue();
                assertThat(reseller).as("reseller of " + uin).isEqualTo(data.resellerUins().stream()
                        .filter(r -> data.resellerCustomerUins(r).contains(uin)).findFirst().orElse(null));
            }
            // every UIN's L3 and L2 rows and totals, exactly as generated
            for (String feed : List.of("l3", "l2")) {
                for (long uin : everyone) {
                    BillData.ExpectedFile expected = data.expected(feed, MONTH, uin);
                    List<Object> loaded = rows(duckdb, "SELECT count(*), coalesce(sum(total_cost), 0) FROM bill_" + feed
                            + " WHERE customer_uin = " + uin + " AND bill_month = DATE '" + MONTH.atDay(1) + "'").get(0);
                    assertThat(((Number) loaded.get(0)).longValue()).as(feed + " rows of " + uin).isEqualTo(expected.rows());
                    assertThat(new BigDecimal(loaded.get(1).toString())).as(feed + " total of " + uin)
                            .isEqualByComparingTo(expected.totalCost());
                }
            }
            // Reseller Account ID: a reseller customer's second-level reseller, the distributor for everyone else
            for (long uin : everyone) {
                if (data.emptyCustomerUins().contains(uin)) {
                    continue;
                }
                long manager = data.resellerUins().stream().filter(r -> data.resellerCustomerUins(r).contains(uin))
                        .findFirst().orElse(data.ownUin());
                for (String feed : List.of("l3", "l2")) {
                    assertThat(rows(duckdb, "SELECT DISTINCT reseller_account_id FROM bill_" + feed + " WHERE customer_uin = " + uin))
                            .as(feed + " reseller of " + uin).containsExactly(List.of(manager));
                }
            }
            // the summaries of every billed UIN, and a clean reconciliation of each (L2 within its tolerance)
            for (long uin : everyone) {
                if (data.emptyCustomerUins().contains(uin)) {
                    continue;
                }
                BigDecimal summary = new BigDecimal(rows(duckdb, "SELECT sum(total_cost) FROM bill_summary_by_pay_mode"
                        + " WHERE customer_uin = " + uin + " AND bill_month = DATE '" + MONTH.atDay(1) + "'").get(0).get(0).toString());
                assertThat(summary).as("summary of " + uin).isEqualByComparingTo(data.expectedSummary(MONTH, uin).totalCost());
            }
            List<List<Object>> statuses = rows(duckdb, "SELECT status, count(*) FROM reconciliation WHERE bill_month = DATE '"
                    + MONTH.atDay(1) + "' GROUP BY status");
            assertThat(statuses).as("reconciliation").hasSize(1);
            assertThat(statuses.get(0).get(0)).isEqualTo("RECONCILED");
            assertThat(((Number) statuses.get(0).get(1)).longValue()).isEqualTo(everyone.size());
            assertThat(rows(duckdb, "SELECT count(*) FROM reconciliation WHERE l2_rows IS NULL AND bill_month = DATE '"
                    + MONTH.atDay(1) + "'")).as("L2 compared for every UIN").containsExactly(List.of(0L));
        }
    }

    @Test
    void aCustomerTypeTheApiDoesNotKnowIsAConfigurationError() {
        // given a typo in the list
        int exit = execute(Map.of("tcbill.api.customer-types", "Customer,Resellers"),
                "run", "--month", MONTH.toString(), "--feed", "l3", "--no-progress");

        // then: exit 3 naming the setting and the allowed values; nothing was requested
        assertThat(exit).as(out + "\n" + err).isEqualTo(ExitCodes.CONFIGURATION);
        assertThat(err.toString()).contains("tcbill.api.customer-types", "'Resellers'",
                "Customer, Reseller, ResellerCustomer").doesNotContain("\tat ");
    }

    @Test
    void packsOfDirectCustomersAreRefusedForADistributorBeforeAnythingIsRequested() {
        long before = simulator.stats().requests("DescribeCustomerBillDownloadUrl");

        int exit = execute(Map.of("tcbill.api.customer-types", "Customer,ResellerCustomer",
                "tcbill.job.reseller-bills", "pack"), "run", "--month", MONTH.toString(), "--feed", "l3", "--no-progress");

        assertThat(exit).as(out + "\n" + err).isEqualTo(ExitCodes.RUN_FAILED);
        assertThat(out.toString()).contains("tcbill.job.reseller-bills=pack asks for the pack of direct customers only");
        assertThat(simulator.stats().requests("DescribeCustomerBillDownloadUrl")).isEqualTo(before);
    }

    private int execute(Map<String, String> configuration, String... args) {
        settings.put("tcbill.duckdb.path", dir.resolve("tcbill.duckdb").toString());
        settings.put("tcbill.storage.embedded-dir", dir.resolve("objects").toString());
        settings.put("spring.datasource.url", "jdbc:h2:file:" + dir.resolve("meta") + ";DB_CLOSE_ON_EXIT=FALSE");
        settings.put("tcbill.api.endpoint", simulator.endpoint().toString());
        settings.put("tcbill.api.secret-id", SimulatorConfig.DEMO_SECRET_ID);
        settings.put("tcbill.api.secret-key", SimulatorConfig.DEMO_SECRET_KEY);
        settings.put("tcbill.api.initial-backoff", "50ms");
        settings.put("tcbill.download.allowed-hosts", "127.0.0.1");
        settings.put("tcbill.poll.initial-interval", "20ms");
        settings.put("tcbill.poll.max-interval", "100ms");
        for (String action : SUMMARY_ACTIONS) {
            settings.put("tcbill.api.rate-limits." + action, "20");
        }
        settings.putAll(configuration);
        settings.forEach(System::setProperty);
        CommandLine cli = TcbillCli.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
    }

    private Connection analyst() throws SQLException {
        Properties readOnly = new Properties();
        readOnly.setProperty("duckdb.read_only", "true");
        return DriverManager.getConnection("jdbc:duckdb:" + dir.resolve("tcbill.duckdb"), readOnly);
    }

    private static List<List<Object>> rows(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            List<List<Object>> rows = new ArrayList<>();
            while (result.next()) {
                List<Object> row = new ArrayList<>();
                for (int i = 1; i <= result.getMetaData().getColumnCount(); i++) {
                    row.add(result.getObject(i));
                }
                rows.add(row);
            }
            return rows;
        }
    }
}
