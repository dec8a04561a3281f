package io.tcbill.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.tcbill.IntegrationTest;
import io.tcbill.PipelineTestSupport;
import io.tcbill.console.RunOutput;
import io.tcbill.run.FeedRun;
import io.tcbill.run.MonthRunner;
import io.tcbill.run.RunRecord;
import io.tcbill.run.StatusQueries;
import io.tcbill.simulator.BillData;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.sql.Connection;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A restated month through the real job path: the simulator changes some customers' L3 rows between two pulls, and
 * the second pull keeps the first one's rows as an earlier version, lists exactly the changes in bill_changes and says
 * so in the run output and in {@code status}.
 */
@IntegrationTest
class RestatedMonthJobTest extends PipelineTestSupport {

    private static final YearMonth MONTH = YearMonth.of(2024, 12); // no other test of the shared data directory pulls it

    @Autowired
    MonthRunner runner;

    @Autowired
    DataSource metadata;

    @Test
    void aRestatedMonthKeepsTheFirstPullAsAVersionAndBillChangesListsExactlyWhatChanged() throws Exception {
        // given four customers' month pulled once, then pulled again unchanged
        BillData data = SIMULATOR.data();
        List<Long> customers = data.customerUins().subList(40, 44);
        List<Long> restated = List.of(customers.get(0), customers.get(2));
        FeedRun first = runner.run(MONTH, "l3", customers);
        assertThat(first.succeeded()).as(first.reason()).isTrue();
        assertThat(first.restated()).as("a first pull restates nothing").isNull();
        FeedRun same = runner.run(MONTH, "l3", customers);
        assertThat(same.succeeded()).as(same.reason()).isTrue();
        assertThat(same.restated()).as("identical rows are no new version").isNull();
        assertThat(count("SELECT count(*) FROM bill_changes WHERE " + month())).isZero();
        assertThat(count("SELECT count(*) FROM bill_l3_history WHERE " + month())).isZero();
        List<List<Object>> before = rows("bill_l3", restated);
        Map<String, BigDecimal[]> productsBefore = byProduct(restated);
        BigDecimal totalBefore = restated.stream().map(uin -> data.expected("l3", MONTH, uin).totalCost())
                .reduce(BigDecimal.ZERO, BigDecimal::add);

        // when Tencent restates two of them and the month is pulled again
        restated.forEach(uin -> data.restate("l3", MONTH, uin));
        FeedRun again = runner.run(MONTH, "l3", customers);

        // then the tables show the second pull exactly, nothing duplicated
        assertThat(again.succeeded()).as(again.reason()).isTrue();
        for (Long uin : customers) {
            BillData.ExpectedFile expected = data.expected("l3", MONTH, uin);
            assertThat(count("SELECT count(*) FROM bill_l3 WHERE " + month() + " AND customer_uin = " + uin))
                    .as("rows of " + uin).isEqualTo(expected.rows());
            assertThat(decimal("SELECT coalesce(sum(total_cost), 0) FROM bill_l3 WHERE " + month() + " AND customer_uin = " + uin))
                    .as("total of " + uin).isEqualByComparingTo(expected.totalCost());
        }
        BigDecimal totalAfter = restated.stream().map(uin -> data.expected("l3", MONTH, uin).totalCost())
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(totalAfter).as("the simulator did change the restated customers").isNotEqualByComparingTo(totalBefore);

        // and the first pull's rows of the restated customers (and only theirs) are the earlier version, exactly
        assertThat(rows("bill_l3_history", restated)).isEqualTo(before);
        assertThat(count("SELECT count(*) FROM bill_l3_history WHERE " + month())).isEqualTo(before.size());
        assertThat(count("SELECT count(*) FROM bill_l3_history h WHERE " + month() + " AND h.superseded_by_load_id <> "
                + "(SELECT min(load_id) FROM bill_l3 c WHERE c.customer_uin = h.customer_uin AND c.bill_month = h.bill_month)"))
                .as("each version names the load whose rows replaced it").isZero();

        // and bill_changes lists exactly the changed customers and products, before, after and difference to the cent
        Map<String, BigDecimal[]> productsAfter = byProduct(restated);
        Map<String, List<BigDecimal>> expectedChanges = new TreeMap<>();
        for (String key : union(productsBefore.keySet(), productsAfter.keySet())) {
            BigDecimal[] b = productsBefore.getOrDefault(key, new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
            BigDecimal[] a = productsAfter.getOrDefault(key, new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
            if (a[0].compareTo(b[0]) != 0 || a[1].compareTo(b[1]) != 0) {
                expectedChanges.put(key, List.of(b[0], a[0], b[1].stripTrailingZeros(), a[1].stripTrailingZeros(),
                        a[1].subtract(b[1]).stripTrailingZeros()));
            }
        }
        Map<String, List<BigDecimal>> changes = new TreeMap<>();
        for (List<Object> row : query("SELECT customer_uin, product_name, currency, rows_before, rows_after, total_cost_before,"
                + " total_cost_after, total_cost_difference FROM bill_changes WHERE feed = 'l3' AND " + month())) {
            changes.put(row.get(0) + "|" + row.get(1) + "|" + row.get(2), List.of(amount(row.get(3)), amount(row.get(4)),
                    amount(row.get(5)).stripTrailingZeros(), amount(row.get(6)).stripTrailingZeros(),
                    amount(row.get(7)).stripTrailingZeros()));
        }
        assertThat(changes).isNotEmpty().isEqualTo(expectedChanges);
        List<Long> changedCustomers = query("SELECT DISTINCT customer_uin FROM bill_changes WHERE " + month()
                + " ORDER BY 1").stream().map(row -> ((Number) row.get(0)).longValue()).toList();
        assertThat(changedCustomers).containsExactlyElementsOf(restated.stream().sorted().toList());
        assertThat(count("SELECT count(*) FROM bill_changes b JOIN load_log l ON l.load_id = b.replaced_by_load_id"
                + " AND l.status = 'LOADED' JOIN load_log p ON p.load_id = b.replaced_load_id AND p.status = 'LOADED'"
                + " WHERE b." + month())).as("both loads are in load_log").isEqualTo(changes.size());

        // and the run output and status say it
        String line = "restated: 2 customers changed in bill_l3, total " + signed(totalAfter.subtract(totalBefore)) + " "
                + query("SELECT DISTINCT currency FROM bill_l3 WHERE " + month()).get(0).get(0);
        assertThat(again.restated()).isEqualTo(line);
        StringWriter printed = new StringWriter();
        new RunOutput(new PrintWriter(printed), new PrintWriter(new StringWriter()), null).feedEnded(again);
        assertThat(printed.toString()).contains("l3         " + MONTH + "  OK").contains("  " + line);
        try (Connection connection = metadata.getConnection()) {
            RunRecord status = new StatusQueries(connection, "BATCH_").latest(MONTH).stream()
                    .filter(run -> run.feed().equals("l3")).findFirst().orElseThrow();
            assertThat(status.restated()).isEqualTo(line);
        }
    }

    private static String month() {
        return "bill_month = DATE '" + MONTH.atDay(1) + "'";
    }

    /** The rows of the customers, content and lineage, in a fixed order. */
    private static List<List<Object>> rows(String table, List<Long> customers) {
        return query("SELECT customer_uin, source_line, product_name, instance_id, component_name, total_cost, currency,"
                + " source_key, load_id FROM " + table + " WHERE " + month() + " AND customer_uin IN ("
                + customers.stream().map(String::valueOf).collect(Collectors.joining(", ")) + ") ORDER BY customer_uin, source_line");
    }

    /** customer|product|currency → {rows, total cost} of the current bill_l3. */
    private static Map<String, BigDecimal[]> byProduct(List<Long> customers) {
        Map<String, BigDecimal[]> totals = new TreeMap<>();
        for (List<Object> row : query("SELECT customer_uin, product_name, currency, count(*), sum(total_cost) FROM bill_l3 WHERE "
                + month() + " AND customer_uin IN (" + customers.stream().map(String::valueOf).collect(Collectors.joining(", "))
                + ") GROUP BY ALL")) {
            totals.put(row.get(0) + "|" + row.get(1) + "|" + row.get(2), new BigDecimal[] {amount(row.get(3)), amount(row.get(4))});
        }
        return totals;
    }

    private static BigDecimal amount(Object value) {
        return new BigDecimal(value.toString());
    }

    private static TreeSet<String> union(java.util.Set<String> a, java.util.Set<String> b) {
        TreeSet<String> all = new TreeSet<>(a);
        all.addAll(b);
        return all;
    }

    private static String signed(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        String text = (stripped.scale() < 2 ? stripped.setScale(2) : stripped).toPlainString();
        return value.signum() < 0 ? text : "+" + text;
    }
}
