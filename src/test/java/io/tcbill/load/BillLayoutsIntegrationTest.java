package io.tcbill.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.tcbill.IntegrationTest;
import io.tcbill.feed.FeedCatalog;
import io.tcbill.simulator.BillData;
import io.tcbill.simulator.FileLayout;
import io.tcbill.simulator.SimulatorConfig;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A month of 2022-layout files, a month of November-2024-layout files and a month of Chinese files, written by the
 * simulator, load into the same tables: every header maps to a typed column (nothing in extra_columns), the totals are
 * the simulator's to the last decimal, and the Chinese month's rows are the English month's rows.
 */
@IntegrationTest
class BillLayoutsIntegrationTest {

    static final YearMonth OLD = YearMonth.of(2024, 10);
    static final YearMonth NEW = YearMonth.of(2024, 12);
    static final YearMonth CHINESE = YearMonth.of(2025, 1);
    static final SimulatorConfig CONFIG = SimulatorConfig.defaults().withCustomers(4, 1).withRows(0, 0, 40, 15, 0);

    @TempDir
    Path dir;

    @Test
    void oldNewAndChineseMonthsLoadIntoTheSameTablesWithExactTotals() throws Exception {
        Path db = dir.resolve("tcbill.duckdb");
        MonthLoader loader = new MonthLoader(DuckDbProperties.at(db));
        BillData auto = new BillData(CONFIG.withFileLayout(FileLayout.AUTO));

        for (String feed : List.of("l3", "l2")) {
            String table = "bill_" + feed;
            for (YearMonth month : List.of(OLD, NEW, CHINESE)) {
                String language = month.equals(CHINESE) ? "zh_cn" : "en";
                LoadReport report = loader.load(new LoadRequest(FeedCatalog.load().get(feed), month,
                        files(auto, feed, month, language), true));
                assertThat(report.allLoaded()).as(feed + " " + month).isTrue();

                long rows = 0;
                BigDecimal total = BigDecimal.ZERO;
                for (long uin : auto.customerUins()) {
                    BillData.ExpectedFile expected = auto.expected(feed, month, uin);
                    rows += expected.rows();
                    total = total.add(expected.totalCost());
                }
                String where = " FROM " + table + " WHERE bill_month = DATE '" + month.atDay(1) + "'";
                assertThat(AnalystDb.query(db, "SELECT count(*)" + where)).as(feed + " " + month).isEqualTo(rows);
                assertThat((BigDecimal) AnalystDb.query(db, "SELECT sum(total_cost)" + where)).as(feed + " " + month)
                        .isEqualByComparingTo(total);
                assertThat(AnalystDb.query(db, "SELECT count(*)" + where + " AND extra_columns IS NOT NULL"))
                        .as("headers of " + feed + " " + month + " the mapping does not know").isEqualTo(0L);
                assertThat(AnalystDb.query(db, "SELECT count(*)" + where + " AND (product_name IS NULL OR region IS NULL"
                        + " OR transaction_type IS NULL OR billing_mode IS NULL OR original_cost IS NULL)")).isEqualTo(0L);
            }
            String old = " FROM " + table + " WHERE bill_month = DATE '" + OLD.atDay(1) + "'";
            String upgraded = " FROM " + table + " WHERE bill_month >= DATE '" + NEW.atDay(1) + "'";
            // the columns the upgrade added are filled from its month on, and only then
            assertThat(AnalystDb.query(db, "SELECT count(*)" + upgraded + " AND (region_code IS NULL OR sp_deduction IS NULL"
                    + " OR availability_zone_code IS NULL OR reseller_account_id IS NULL)")).isEqualTo(0L);
            assertThat(AnalystDb.query(db, "SELECT count(region_code) + count(order_id) + count(reseller_account_id)" + old))
                    .isEqualTo(0L);
            assertThat(AnalystDb.query(db, "SELECT count(*)" + old + " AND billable_month IS NULL")).isEqualTo(0L);
            assertThat(AnalystDb.query(db, "SELECT count(*)" + upgraded + " AND billable_month IS NULL")).isEqualTo(0L);
        }
        // renamed columns: the old and the new spelling fill the same column
        assertThat(AnalystDb.query(db, "SELECT count(*) FROM bill_l3 WHERE component_configuration IS NULL OR sp_deduction IS NULL"))
                .isEqualTo(0L);
        assertThat(AnalystDb.query(db, "SELECT count(*) FROM bill_l2 WHERE additional_attribute IS NOT NULL"))
                .isEqualTo(AnalystDb.query(db, "SELECT count(*) FROM bill_l2 WHERE bill_month = DATE '" + OLD.atDay(1) + "'"));
        // the Chinese month is written in Chinese ...
        String chinese = " FROM bill_l3 WHERE bill_month = DATE '" + CHINESE.atDay(1) + "'";
        assertThat(AnalystDb.query(db, "SELECT count(*)" + chinese + " AND transaction_type NOT IN ('新购', '续费', '退款',"
                + " '按量计费小时结')")).isEqualTo(0L);
        assertThat(AnalystDb.query(db, "SELECT count(*)" + chinese + " AND billing_mode NOT IN ('包年包月', '按量计费')")).isEqualTo(0L);
        // ... and is the same bill as the English file of the month
        Path english = dir.resolve("english/tcbill.duckdb"); // its own data directory: curated files are per directory
        MonthLoader englishLoader = new MonthLoader(DuckDbProperties.at(english));
        englishLoader.load(new LoadRequest(FeedCatalog.load().get("l3"), CHINESE, files(auto, "l3", CHINESE, "en"), true));
        String compare = "SELECT transaction_id, total_cost, original_cost, region_code, usage_start_time FROM bill_l3"
                + " WHERE bill_month = DATE '" + CHINESE.atDay(1) + "' ORDER BY transaction_id";
        assertThat(AnalystDb.queryRows(db, compare)).isEqualTo(AnalystDb.queryRows(english, compare)).isNotEmpty();

        // the views read stable codes from both languages: every transaction type mapped, every region an id, every
        // product its canonical English name, and focus_1_3 follows the FOCUS 1.3 rules over all three months
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:")) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("ATTACH " + Sql.literal(db) + " AS tcbill (READ_ONLY)");
                statement.execute("USE tcbill");
            }
            assertThat(FocusViewsIntegrationTest.violations(connection, "focus_1_3", "payable")).isEmpty();
        }
        assertThat(AnalystDb.query(db, "SELECT count(*) FROM focus_1_3 WHERE NOT \"x_TransactionTypeMapped\""
                + " OR \"RegionId\" IS NULL OR \"ServiceCategory\" = 'Other'")).isEqualTo(0L);
        assertThat(AnalystDb.queryRows(db, "SELECT \"ChargeCategory\", \"ChargeFrequency\", count(*) FROM focus_1_3"
                + " WHERE \"x_BillMonth\" = DATE '" + CHINESE.atDay(1) + "' GROUP BY ALL ORDER BY ALL"))
                .isEqualTo(AnalystDb.queryRows(english, "SELECT \"ChargeCategory\", \"ChargeFrequency\", count(*) FROM focus_1_3"
                        + " GROUP BY ALL ORDER BY ALL"));
        assertThat(AnalystDb.queryRows(db, "SELECT DISTINCT \"ServiceName\" FROM focus_1_3 WHERE \"x_BillMonth\" = DATE '"
                + CHINESE.atDay(1) + "' ORDER BY 1")).isEqualTo(AnalystDb.queryRows(english,
                "SELECT DISTINCT \"ServiceName\" FROM focus_1_3 ORDER BY 1"));
    }

    private List<RawInput> files(BillData data, String feed, YearMonth month, String language) throws Exception {
        List<RawInput> inputs = new ArrayList<>();
        for (long uin : data.customerUins()) {
            Path file = dir.resolve("raw/" + feed + "/" + month + "/" + language + "/" + uin + ".csv");
            Files.createDirectories(file.getParent());
            try (OutputStream out = Files.newOutputStream(file)) {
                data.writeCsv(feed, month, uin, language, out);
            }
            inputs.add(new RawInput(file, "raw/" + feed + "/bill_month=" + month + "/customer_uin=" + uin + "/" + language
                    + ".csv", uin, "sha-" + uin, Files.size(file)));
        }
        return inputs;
    }
}
