package io.tcbill.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.tcbill.IntegrationTest;
import io.tcbill.PipelineTestSupport;
import io.tcbill.run.MonthRunner;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The FOCUS views on a month the real pipeline loaded from the simulator: focus_1_3 against the FOCUS 1.3 rules
 * (and a broken mapping must break them), focus_1_2 against its SQL from before it was made portable.
 */
@IntegrationTest
class FocusViewsIntegrationTest extends PipelineTestSupport {

    private static final YearMonth MONTH = YearMonth.of(2025, 11);
    private static boolean loaded;

    /** FOCUS 1.3 mandatory columns (ProviderName and PublisherName are deprecated in 1.3 and still mandatory). */
    static final List<String> MANDATORY = List.of("BilledCost", "BillingAccountId", "BillingAccountName", "BillingCurrency",
            "BillingPeriodEnd", "BillingPeriodStart", "ChargeCategory", "ChargeClass", "ChargeDescription", "ChargePeriodEnd",
            "ChargePeriodStart", "ContractedCost", "EffectiveCost", "HostProviderName", "InvoiceIssuerName", "ListCost",
            "PricingQuantity", "PricingUnit", "ProviderName", "PublisherName", "ServiceCategory", "ServiceName",
            "ServiceProviderName");
    /** Columns the spec (or, for ServiceSubcategory and ChargeFrequency, its recommendation) says are never null. */
    static final List<String> NOT_NULL = List.of("BilledCost", "BillingAccountId", "BillingCurrency", "BillingPeriodEnd",
            "BillingPeriodStart", "ChargeCategory", "ChargePeriodEnd", "ChargePeriodStart", "ContractedCost", "EffectiveCost",
            "HostProviderName", "InvoiceIssuerName", "ListCost", "ProviderName", "PublisherName", "ServiceCategory",
            "ServiceName", "ServiceProviderName", "ServiceSubcategory", "ChargeFrequency");
    static final Map<String, List<String>> ALLOWED = Map.of(
            "ChargeCategory", List.of("Usage", "Purchase", "Tax", "Credit", "Adjustment"),
            "ChargeClass", List.of("Correction"),
            "ChargeFrequency", List.of("One-Time", "Recurring", "Usage-Based"),
            "PricingCategory", List.of("Standard", "Dynamic", "Committed", "Other"),
            "ServiceCategory", ProductListTest.CATEGORIES);

    @Autowired
    MonthRunner runner;

    private void loadOnce() {
        if (!loaded) {
            List<Long> customers = SIMULATOR.data().customerUins().subList(30, 36);
            assertThat(runner.run(MONTH, "l3", customers).succeeded()).isTrue();
            loaded = true;
        }
    }

    @Test
    void focus13FollowsTheRulesOnALoadedMonth() throws Exception {
        loadOnce();
        try (Connection db = attached()) {
            assertThat(count(db, "SELECT count(*) FROM focus_1_3")).isPositive();
            assertThat(violations(db, "focus_1_3", "payable")).isEmpty();
            // every transaction type the simulator writes is mapped explicitly
            assertThat(count(db, "SELECT count(*) FROM focus_1_3 WHERE NOT \"x_TransactionTypeMapped\"")).isZero();
            // the payable perspective by default
            assertThat(count(db, "SELECT count(*) FROM focus_1_3 WHERE \"InvoiceIssuerName\" <> 'Tencent Cloud'"
                    + " OR \"x_Perspective\" <> 'payable'")).isZero();
            long before = count(db, "SELECT count(*) FROM focus_1_2 WHERE \"ServiceCategory\" = 'Other'");
            long after = count(db, "SELECT count(*) FROM focus_1_3 WHERE \"ServiceCategory\" = 'Other'");
            System.out.printf("ServiceCategory 'Other' rows of %s: focus_1_2 %d, focus_1_3 %d of %d%n", MONTH, before, after,
                    count(db, "SELECT count(*) FROM focus_1_3"));
            assertThat(before).as("Chinese product names fall into Other in focus_1_2").isPositive();
            assertThat(after).isZero();
        }
    }

    @Test
    void aBrokenMappingBreaksTheRules() throws Exception {
        loadOnce();
        String sql = view("focus_1_3", FocusProperties.defaults());
        List<String> breaks = List.of(
                sql.replaceFirst("(\\('hourly settlement',\\s+'Usage',\\s+)'Usage-Based'", "$1'UsageBased'"),
                sql.replace("AS \"BillingPeriodStart\"", "+ INTERVAL '8' HOUR AS \"BillingPeriodStart\""),
                sql.replace("THEN b.usage_end_time + INTERVAL '1' SECOND", "THEN b.usage_end_time - INTERVAL '1' HOUR"),
                sql.replace("coalesce(p.focus_service_category, 'Other')", "coalesce(p.focus_service_subcategory, 'Other')"),
                sql.replace("LEFT JOIN canonical_product p ON lower(b.product_name) = lower(p.bill_name)",
                        "LEFT JOIN canonical_product p ON lower(b.product_name) = lower(p.bill_name) OR p.bill_name = 'CVM'"));
        for (String broken : breaks) {
            assertThat(broken).isNotEqualTo(sql);
            try (Connection db = attached()) {
                execute(db, broken.replace("CREATE OR REPLACE VIEW focus_1_3", "CREATE TEMP VIEW broken_focus"));
                assertThat(violations(db, "broken_focus", "payable")).as(broken).isNotEmpty();
            }
        }
    }

    @Test
    void theCustomerPerspectiveNamesTheResellerAndBillsTheCustomer() throws Exception {
        loadOnce();
        String sql = view("focus_1_3", new FocusProperties("customer", "Example Reseller's Cloud Ltd"));
        try (Connection db = attached()) {
            execute(db, sql.replace("CREATE OR REPLACE VIEW focus_1_3", "CREATE TEMP VIEW customer_focus"));
            assertThat(violations(db, "customer_focus", "customer")).isEmpty();
            assertThat(count(db, "SELECT count(*) FROM customer_focus WHERE \"InvoiceIssuerName\" <> 'Example Reseller''s Cloud Ltd'"
                    + " OR \"BillingAccountId\" <> CAST(\"x_CustomerUin\" AS VARCHAR) OR \"x_Perspective\" <> 'customer'")).isZero();
            assertThat(count(db, "SELECT count(*) FROM customer_focus")).isEqualTo(count(db, "SELECT count(*) FROM focus_1_3"));
        }
    }

    @Test
    void focus12GivesWhatItGaveBeforeItWasMadePortable() throws Exception {
        loadOnce();
        String old;
        try (InputStream in = getClass().getResourceAsStream("/io/tcbill/focus_1_2_before_issue12.sql")) {
            old = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        try (Connection db = attached()) {
            execute(db, old.replace("CREATE OR REPLACE VIEW focus_1_2", "CREATE TEMP VIEW old_focus"));
            assertThat(rows(db, "SELECT column_name, column_type FROM (DESCRIBE focus_1_2)"))
                    .isEqualTo(rows(db, "SELECT column_name, column_type FROM (DESCRIBE old_focus)"));
            assertThat(count(db, "SELECT count(*) FROM focus_1_2")).isPositive();
            assertThat(count(db, "SELECT count(*) FROM (SELECT * FROM focus_1_2 EXCEPT ALL SELECT * FROM old_focus) t")).isZero();
            assertThat(count(db, "SELECT count(*) FROM (SELECT * FROM old_focus EXCEPT ALL SELECT * FROM focus_1_2) t")).isZero();
        }
    }

    @Test
    void productsAreOneRowWhateverTheBillsLanguage() throws Exception {
        loadOnce();
        try (Connection db = attached()) {
            String month = " WHERE bill_month = DATE '" + MONTH.atDay(1) + "'";
            assertThat(count(db, "SELECT count(*) FROM monthly_cost_by_product" + month + " AND product_code IS NULL")).isZero();
            assertThat(count(db, "SELECT count(*) FROM monthly_cost_by_product" + month))
                    .isEqualTo(count(db, "SELECT count(DISTINCT product_code) FROM monthly_cost_by_product" + month));
            assertThat(rows(db, "SELECT CAST(sum(total_cost) AS VARCHAR) FROM monthly_cost_by_product" + month))
                    .isEqualTo(rows(db, "SELECT CAST(sum(total_cost) AS VARCHAR) FROM bill_l3" + month));
        }
    }

    /** Each FOCUS 1.3 rule the view breaks, with a count of the rows that break it; empty when it follows them all. */
    static List<String> violations(Connection db, String view, String perspective) throws SQLException {
        List<String> found = new ArrayList<>();
        List<String> columns = rows(db, "SELECT column_name FROM (DESCRIBE " + view + ")").stream().map(r -> r.get(0)).toList();
        for (String column : MANDATORY) {
            if (!columns.contains(column)) {
                found.add("missing column " + column);
            }
        }
        if (!found.isEmpty()) {
            return found;
        }
        for (String column : NOT_NULL) {
            check(db, found, column + " is null", "SELECT count(*) FROM " + view + " WHERE \"" + column + "\" IS NULL");
        }
        for (Map.Entry<String, List<String>> allowed : ALLOWED.entrySet()) {
            String values = String.join(", ", allowed.getValue().stream().map(Sql::literal).toList());
            check(db, found, allowed.getKey() + " not an allowed value", "SELECT count(*) FROM " + view + " WHERE \""
                    + allowed.getKey() + "\" NOT IN (" + values + ")");
        }
        check(db, found, "ServiceSubcategory not under its ServiceCategory", "SELECT count(*) FROM " + view + " f WHERE NOT ("
                + "(f.\"ServiceCategory\" = 'Other' AND f.\"ServiceSubcategory\" = 'Other (Other)') OR EXISTS (SELECT 1 FROM"
                + " canonical_product p WHERE p.focus_service_category = f.\"ServiceCategory\""
                + " AND p.focus_service_subcategory = f.\"ServiceSubcategory\"))");
        check(db, found, "ChargeFrequency Usage-Based for a Purchase", "SELECT count(*) FROM " + view
                + " WHERE \"ChargeCategory\" = 'Purchase' AND \"ChargeFrequency\" = 'Usage-Based'");
        check(db, found, "PricingCategory null for usage or purchase", "SELECT count(*) FROM " + view + " WHERE \"ChargeCategory\""
                + " IN ('Usage', 'Purchase') AND \"ChargeClass\" IS NULL AND \"PricingCategory\" IS NULL");
        check(db, found, "ConsumedQuantity for a charge that is not usage", "SELECT count(*) FROM " + view
                + " WHERE \"ChargeCategory\" <> 'Usage' AND \"ConsumedQuantity\" IS NOT NULL");
        check(db, found, "a period whose start is not before its end", "SELECT count(*) FROM " + view
                + " WHERE NOT (\"BillingPeriodStart\" < \"BillingPeriodEnd\" AND \"ChargePeriodStart\" < \"ChargePeriodEnd\")");
        // UTC from Beijing time: the month starts at 16:00 UTC the day before and ends (exclusive) where the next begins
        check(db, found, "billing period not the Beijing-time month in UTC", "SELECT count(*) FROM " + view
                + " WHERE \"BillingPeriodStart\" <> CAST(\"x_BillMonth\" - INTERVAL 1 DAY AS TIMESTAMP) + INTERVAL 16 HOUR"
                + " OR \"BillingPeriodEnd\" <> CAST(\"x_BillMonth\" + INTERVAL 1 MONTH - INTERVAL 1 DAY AS TIMESTAMP) + INTERVAL 16 HOUR");
        check(db, found, "charge period end not exclusive (Tencent's inclusive :59 second left in)", "SELECT count(*) FROM "
                + view + " WHERE second(\"ChargePeriodEnd\") = 59");
        check(db, found, "charge period of a usage row not the bill's usage time in UTC", "SELECT count(*) FROM " + view
                + " f JOIN bill_l3 b ON b.source_key = f.\"x_SourceKey\" AND b.transaction_id = f.\"x_TransactionId\""
                + " AND b.component_name = f.\"ChargeDescription\""
                + " WHERE b.usage_start_time IS NOT NULL AND f.\"ChargePeriodStart\" <> b.usage_start_time - INTERVAL 8 HOUR");
        String account = perspective.equals("customer") ? "coalesce(customer_uin, owner_account_id)" : "payer_account_id";
        check(db, found, "BilledCost per billing account and period differs from the bill_l3 total", """
                SELECT count(*) FROM (
                    SELECT "BillingAccountId" AS account, "BillingPeriodStart" AS period, min("x_BillMonth") AS month,
                           sum("BilledCost") AS cost
                    FROM %s GROUP BY 1, 2
                ) f FULL JOIN (
                    SELECT CAST(%s AS VARCHAR) AS account, bill_month AS month, sum(total_cost) AS cost FROM bill_l3 GROUP BY 1, 2
                ) b ON b.account = f.account AND b.month = f.month
                WHERE f.cost IS DISTINCT FROM b.cost""".formatted(view, account));
        return found;
    }

    private static void check(Connection db, List<String> found, String rule, String sql) throws SQLException {
        long rows = count(db, sql);
        if (rows > 0) {
            found.add(rule + ": " + rows + " rows");
        }
    }

    /** The view's SQL as tcbill creates it with {@code focus} settings. */
    private static String view(String name, FocusProperties focus) {
        return DerivedView.readAll(focus.viewSettings()).stream().filter(v -> v.name().equals(name)).findFirst().orElseThrow().sql();
    }

    /** An in-memory database with the analysts' file attached read-only and in use, for temporary views over it. */
    private static Connection attached() throws SQLException {
        Connection db = DriverManager.getConnection("jdbc:duckdb:");
        execute(db, "ATTACH " + Sql.literal(DATA_DIR.resolve("tcbill.duckdb")) + " AS tcbill (READ_ONLY)");
        execute(db, "USE tcbill");
        return db;
    }

    private static void execute(Connection db, String sql) throws SQLException {
        try (Statement statement = db.createStatement()) {
            statement.execute(sql);
        }
    }

    private static long count(Connection db, String sql) throws SQLException {
        return Long.parseLong(rows(db, sql).get(0).get(0));
    }

    private static List<List<String>> rows(Connection db, String sql) throws SQLException {
        List<List<String>> rows = new ArrayList<>();
        try (Statement statement = db.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    row.add(rs.getString(i));
                }
                rows.add(row);
            }
        } catch (SQLException e) {
            throw new SQLException(e.getMessage() + " in: " + sql, e);
        }
        return rows;
    }
}
