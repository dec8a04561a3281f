package io.tcbill;

import static org.assertj.core.api.Assertions.assertThat;

import io.tcbill.job.MonthRunner;
import io.tcbill.simulator.BillData;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Every query of docs/queries.sql and the FOCUS view against a loaded month, checked against the simulator's totals. */
class AnalystQueriesTest extends PipelineTestSupport {

    private static final YearMonth MONTH = YearMonth.of(2026, 2);
    private static List<Long> customers;
    private static boolean loaded;

    @Autowired
    MonthRunner runner;

    @BeforeAll
    static void pickCustomers() {
        customers = SIMULATOR.data().customerUins().subList(30, 36);
    }

    private void loadOnce() {
        if (!loaded) {
            for (String feed : List.of("l3", "commission", "vouchers")) {
                assertThat(runner.run(MONTH, feed, feed.equals("commission") ? List.of() : customers).succeeded()).isTrue();
            }
            loaded = true;
        }
    }

    @Test
    void everyDocumentedQueryRuns() throws IOException {
        loadOnce();
        String file = Files.readString(Path.of("docs/queries.sql"));
        List<String> statements = Arrays.stream(file.split(";\\s*\\n")).map(String::strip)
                .map(s -> s.lines().filter(l -> !l.startsWith("--")).reduce("", (a, b) -> a + "\n" + b).strip())
                .filter(s -> !s.isEmpty()).toList();
        assertThat(statements).hasSize(11);
        for (String sql : statements) {
            assertThat(query(sql)).as(sql).isNotNull();
        }
        assertThat(query("SELECT * FROM monthly_cost_by_customer WHERE bill_month = DATE '" + MONTH.atDay(1) + "'"))
                .hasSize(customers.size() - emptyCustomers());
    }

    @Test
    void focusCostsAddUpToTheSimulatorsTotalsAndEveryRowIsCategorised() {
        loadOnce();
        BillData data = SIMULATOR.data();
        BigDecimal expected = customers.stream().map(uin -> data.expected("l3", MONTH, uin).totalCost())
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        String month = " WHERE \"x_BillMonth\" = DATE '" + MONTH.atDay(1) + "'";

        assertThat(decimal("SELECT sum(\"BilledCost\") FROM focus_1_2" + month)).isEqualByComparingTo(expected);
        assertThat(decimal("SELECT sum(\"BilledCost\") FROM focus_1_2" + month))
                .isEqualByComparingTo(decimal("SELECT sum(total_cost) FROM monthly_cost_by_customer WHERE bill_month = DATE '"
                        + MONTH.atDay(1) + "'"));
        assertThat(count("SELECT count(*) FROM focus_1_2" + month + " AND (\"ChargeCategory\" IS NULL OR \"BillingCurrency\" IS NULL"
                + " OR \"ChargePeriodStart\" IS NULL OR \"ServiceName\" IS NULL)")).isZero();
        assertThat(count("SELECT count(*) FROM focus_1_2" + month + " AND \"ChargeCategory\" = 'Credit'")).isPositive();
        assertThat(decimal("SELECT sum(\"EffectiveCost\" + \"x_TaxAmount\" - \"BilledCost\") FROM focus_1_2" + month))
                .isEqualByComparingTo(BigDecimal.ZERO);
    }

    private static int emptyCustomers() {
        return (int) customers.stream().filter(uin -> SIMULATOR.data().expected("l3", MONTH, uin).rows() == 0).count();
    }
}
