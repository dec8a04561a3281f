package io.tcbill.load;

import java.math.BigDecimal;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What a re-pull changed in one table's month: the customers whose rows differ from the version it replaced (kept in
 * {@code <table>_history}), and by how much their amount ({@code total_cost}, or {@code commission_amount}) changed in
 * each currency. A re-pull with identical rows, and a first pull, change nothing.
 *
 * @param customers the customers (the own bill counts as one) whose rows changed
 * @param change    currency → the changed customers' amount after minus before; empty when the table has no amount
 */
public record Restatement(String table, int customers, Map<String, BigDecimal> change) {

    public Restatement {
        change = Map.copyOf(new TreeMap<>(change));
    }

    public boolean changed() {
        return customers > 0;
    }

    /** E.g. {@code 2 customers changed in bill_l3, total +12.50 USD}. */
    @Override
    public String toString() {
        String totals = new TreeMap<>(change).entrySet().stream()
                .map(e -> (e.getValue().signum() < 0 ? "" : "+") + amount(e.getValue()) + " " + e.getKey())
                .collect(Collectors.joining(", "));
        return customers + (customers == 1 ? " customer" : " customers") + " changed in " + table
                + (totals.isEmpty() ? "" : ", total " + totals);
    }

    /** At least the cents, and every further decimal the amounts have (L3 has up to 8). */
    private static String amount(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return (stripped.scale() < 2 ? stripped.setScale(2) : stripped).toPlainString();
    }
}
