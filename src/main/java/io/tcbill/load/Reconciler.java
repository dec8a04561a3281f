package io.tcbill.load;

import java.math.BigDecimal;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Reconciles a published month: per customer, the sums of bill_l3 (original_cost, voucher_deduction, total_cost)
 * against those of bill_summary_by_pay_mode (original_cost, voucher_pay_amount, total_cost), and when the month's
 * bill_l2 is published, its sums too, with a tolerance that grows by half a cent per L2 row (Tencent rounds each L2 row
 * to 2 decimals). The customers are those of customer_month, the bills and the summary for the month; the result
 * replaces the month of {@code reconciliation}.
 * A new load of either side marks the month's result {@code STALE} until it is reconciled again.
 */
@Component
public final class Reconciler {

    private static final String DETAIL = "bill_l3";
    private static final String INSTANCES = "bill_l2";
    /** Tencent rounds each L2 row's amounts to 2 decimals: half a cent per row at most. */
    public static final BigDecimal L2_ROW_TOLERANCE = new BigDecimal("0.005");
    private static final String SUMMARY = "bill_summary_by_pay_mode";
    private static final String CUSTOMERS = "customer_month";
    private static final String RESULT = "reconciliation";

    private final DuckDbProperties properties;
    private final CuratedLayout layout;
    private final List<TableSchema> tables;
    private final AnalystSnapshot snapshot;

    public Reconciler(DuckDbProperties properties) {
        this(properties, FocusProperties.defaults());
    }

    /** A reconciler whose view updates keep the given FOCUS perspective (the month loader's). */
    @Autowired
    public Reconciler(DuckDbProperties properties, FocusProperties focus) {
        this.properties = properties;
        this.layout = new CuratedLayout(properties.curatedDir());
        this.tables = TableSchema.readAll();
        this.snapshot = new AnalystSnapshot(properties, focus, layout, tables);
    }

    /** Whether both sides of the month are published: a month file of bill_l3 and one of bill_summary_by_pay_mode. */
    public boolean bothSidesPublished(YearMonth month) {
        return Files.exists(layout.monthFile(DETAIL, month)) && Files.exists(layout.monthFile(SUMMARY, month));
    }

    /**
     * Marks the month's earlier result {@code STALE} (every customer's row; amounts and checked_at stay as they were
     * checked), because one side was loaded again. Nothing to mark when the month was never reconciled.
     *
     * @return whether there was an earlier result to mark
     * @throws LoadException when the result file cannot be rewritten, or the DuckDB snapshot cannot be updated
     */
    public boolean markStale(YearMonth month) {
        Path file = layout.monthFile(RESULT, month);
        if (!Files.exists(file)) {
            return false;
        }
        try (PrivateDuckDb db = PrivateDuckDb.open(properties)) {
            CuratedLayout.write(db.connection(), "SELECT * REPLACE (" + Sql.literal(ReconciliationReport.STALE)
                    + " AS status) FROM " + CuratedLayout.read(file) + " ORDER BY customer_uin", file);
        } catch (SQLException e) {
            throw new LoadException("marking the reconciliation of " + month + " stale failed in DuckDB: " + e.getMessage(), e);
        }
        snapshot.ensure();
        return true;
    }

    /**
     * Compares the month and replaces its result. When another process publishes either side while this runs (the
     * inputs' files changed between reading and writing), it compares again, so the result left standing is never
     * older than the files it describes.
     *
     * @param tolerance the largest absolute difference still {@code RECONCILED}, e.g. 0.01
     * @throws LoadException when the published files cannot be read or the result cannot be written
     */
    public ReconciliationReport reconcile(YearMonth month, BigDecimal tolerance) {
        return reconcile(month, tolerance, L2_ROW_TOLERANCE);
    }

    /**
     * As {@link #reconcile(YearMonth, BigDecimal)}, and when the month's L2 is published, its sums against the summary
     * with {@code tolerance} plus {@code l2RowTolerance} per L2 row of the customer.
     */
    public ReconciliationReport reconcile(YearMonth month, BigDecimal tolerance, BigDecimal l2RowTolerance) {
        if (tolerance == null || tolerance.signum() < 0 || l2RowTolerance == null || l2RowTolerance.signum() < 0) {
            throw new IllegalArgumentException("reconciling " + month + ": the tolerances must be >= 0, were " + tolerance
                    + " and " + l2RowTolerance + " per L2 row");
        }
        ReconciliationReport report;
        int tries = 0;
        List<Object> inputs;
        do {
            inputs = inputs(month);
            report = compare(month, tolerance, l2RowTolerance);
        } while (!inputs.equals(inputs(month)) && ++tries < 3);
        return report;
    }

    private ReconciliationReport compare(YearMonth month, BigDecimal tolerance, BigDecimal l2RowTolerance) {
        List<ReconciliationReport.Row> rows = new ArrayList<>();
        try (PrivateDuckDb db = PrivateDuckDb.open(properties)) {
            Connection connection = db.connection();
            for (String table : List.of(DETAIL, INSTANCES, SUMMARY, CUSTOMERS, RESULT)) {
                TableSchema.named(tables, table).columns(connection);
            }
            Sql.execute(connection, "INSERT INTO " + RESULT + " BY NAME " + comparison(month, tolerance, l2RowTolerance));
            CuratedLayout.write(connection, "SELECT * FROM " + RESULT + " ORDER BY customer_uin", layout.monthFile(RESULT, month));
            try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(
                    "SELECT customer_uin, detail_total_cost, summary_total_cost, max_difference, status, l2_total_cost, "
                            + "l2_rows, l2_difference, l2_tolerance FROM " + RESULT + " ORDER BY customer_uin")) {
                while (rs.next()) {
                    ReconciliationReport.L2 l2 = rs.getBigDecimal(6) == null ? null : new ReconciliationReport.L2(
                            rs.getBigDecimal(6), rs.getLong(7), rs.getBigDecimal(8), rs.getBigDecimal(9));
                    rows.add(new ReconciliationReport.Row(rs.getLong(1), rs.getBigDecimal(2), rs.getBigDecimal(3),
                            rs.getBigDecimal(4), rs.getString(5), l2));
                }
            }
        } catch (SQLException e) {
            throw new LoadException("reconciling " + month + " failed in DuckDB: " + e.getMessage(), e);
        }
        snapshot.ensure();
        return new ReconciliationReport(month, rows);
    }

    private String comparison(YearMonth month, BigDecimal tolerance, BigDecimal l2RowTolerance) {
        String limit = decimal(tolerance);
        boolean withL2 = Files.exists(layout.monthFile(INSTANCES, month));
        return "WITH detail AS (" + sums(DETAIL, month) + "), summary AS (SELECT customer_uin, "
                + "coalesce(sum(original_cost), 0) AS oc, coalesce(sum(voucher_pay_amount), 0) AS voucher, "
                + "coalesce(sum(total_cost), 0) AS tc FROM " + source(SUMMARY, month) + " WHERE customer_uin IS NOT NULL "
                + "GROUP BY customer_uin), l2 AS (" + sums(INSTANCES, month) + "), "
                + "customers AS (SELECT customer_uin FROM " + source(CUSTOMERS, month) + " UNION SELECT customer_uin FROM detail "
                + "UNION SELECT customer_uin FROM summary UNION SELECT customer_uin FROM l2), "
                + "compared AS (SELECT c.customer_uin, d.customer_uin IS NOT NULL AS has_detail, s.customer_uin IS NOT NULL AS has_summary, "
                + "coalesce(d.oc, 0) AS detail_original_cost, coalesce(s.oc, 0) AS summary_original_cost, "
                + "coalesce(d.voucher, 0) AS detail_voucher_deduction, coalesce(s.voucher, 0) AS summary_voucher_pay_amount, "
                + "coalesce(d.tc, 0) AS detail_total_cost, coalesce(s.tc, 0) AS summary_total_cost, "
                + (withL2 ? "coalesce(l.n, 0)" : "NULL") + "::BIGINT AS l2_rows, "
                + (withL2 ? "coalesce(l.oc, 0)" : "NULL") + "::DECIMAL(38,8) AS l2_original_cost, "
                + (withL2 ? "coalesce(l.voucher, 0)" : "NULL") + "::DECIMAL(38,8) AS l2_voucher_deduction, "
                + (withL2 ? "coalesce(l.tc, 0)" : "NULL") + "::DECIMAL(38,8) AS l2_total_cost "
                + "FROM customers c LEFT JOIN detail d USING (customer_uin) LEFT JOIN summary s USING (customer_uin) "
                + "LEFT JOIN l2 l USING (customer_uin)) "
                + "SELECT DATE '" + month.atDay(1) + "' AS bill_month, * EXCLUDE (has_detail, has_summary), "
                + "greatest(abs(detail_original_cost - summary_original_cost), abs(detail_voucher_deduction - summary_voucher_pay_amount), "
                + "abs(detail_total_cost - summary_total_cost)) AS max_difference, " + limit + " AS tolerance, "
                + "greatest(abs(l2_original_cost - summary_original_cost), abs(l2_voucher_deduction - summary_voucher_pay_amount), "
                + "abs(l2_total_cost - summary_total_cost)) AS l2_difference, "
                + "CAST(" + limit + " + " + decimal(l2RowTolerance) + " * l2_rows AS DECIMAL(38,8)) AS l2_tolerance, "
                + "CASE WHEN has_summary AND NOT has_detail THEN 'MISSING_DETAIL' WHEN has_detail AND NOT has_summary "
                + "THEN 'MISSING_SUMMARY' WHEN max_difference > " + limit + " THEN 'UNRECONCILED' "
                + "WHEN l2_difference > l2_tolerance THEN 'L2_UNRECONCILED' ELSE 'RECONCILED' END AS status, "
                + "TIMESTAMP '" + Instant.now().truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC).toLocalDateTime()
                + "' AS checked_at FROM compared";
    }

    /** Per customer of a bill table's published month (the empty table when none): rows and the three amount sums. */
    private String sums(String table, YearMonth month) {
        return "SELECT customer_uin, count(*) AS n, coalesce(sum(original_cost), 0) AS oc, "
                + "coalesce(sum(voucher_deduction), 0) AS voucher, coalesce(sum(total_cost), 0) AS tc FROM "
                + source(table, month) + " WHERE customer_uin IS NOT NULL GROUP BY customer_uin";
    }

    private static String decimal(BigDecimal value) {
        return "CAST(" + Sql.literal(value.toPlainString()) + " AS DECIMAL(38,8))";
    }

    /** What identifies the published input files of the month now (a file replaced by a move gets a new identity). */
    private List<Object> inputs(YearMonth month) {
        List<Object> identity = new ArrayList<>();
        for (String table : List.of(DETAIL, INSTANCES, SUMMARY, CUSTOMERS)) {
            try {
                BasicFileAttributes attributes = Files.readAttributes(layout.monthFile(table, month), BasicFileAttributes.class);
                identity.add(List.of(String.valueOf(attributes.fileKey()), attributes.lastModifiedTime(), attributes.size()));
            } catch (IOException e) {
                identity.add("absent");
            }
        }
        return identity;
    }

    /** The month's published file of {@code table}, or the empty private table when none is published. */
    private String source(String table, YearMonth month) {
        Path file = layout.monthFile(table, month);
        return Files.exists(file) ? CuratedLayout.read(file) : table;
    }
}
