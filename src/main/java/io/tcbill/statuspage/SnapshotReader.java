package io.tcbill.statuspage;

import io.tcbill.load.DuckDbBudget;
import io.tcbill.statuspage.MonthRows.ChangeRow;
import io.tcbill.statuspage.MonthRows.ErrorRow;
import io.tcbill.statuspage.MonthRows.FileRow;
import io.tcbill.statuspage.MonthRows.ReconciliationRow;
import io.tcbill.statuspage.MonthRows.TrendPoint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * Reads the analysts' DuckDB file read-only ({@code duckdb.read_only}), one connection per page, closed at once. A
 * publisher never writes the file in place (it renames a new snapshot over it), so a reader never blocks it and reads
 * one whole snapshot; the next page opens the newer one.
 */
final class SnapshotReader {

    /** The newest attempt of each file of the month, and the names its L3 rows give its customers. */
    private static final String MONTH = "WITH names AS (SELECT customer_uin, min(customer_name) AS name FROM bill_l3"
            + " WHERE bill_month = CAST(? AS DATE) GROUP BY ALL),"
            + " attempts AS (SELECT *, CASE WHEN customer_uin IS NOT NULL THEN 'customer'"
            + " WHEN load_id LIKE feed || '_%_pack_%' THEN 'pack' ELSE 'own' END AS coverage FROM load_log"
            + " WHERE bill_month = CAST(? AS DATE)),"
            + " newest AS (SELECT * FROM (SELECT *, row_number() OVER (PARTITION BY feed, customer_uin, coverage"
            + " ORDER BY finished_at DESC, load_id DESC) AS n FROM attempts) WHERE n = 1) ";

    private final Path database;

    SnapshotReader(Path database) {
        this.database = database;
    }

    /** The month's rows from the file; an absent file (nothing published yet) reads as empty. */
    SnapshotRows month(YearMonth month) throws SQLException {
        if (!Files.exists(database)) {
            return SnapshotRows.EMPTY;
        }
        try (Connection db = open()) {
            List<FileRow> files = new ArrayList<>();
            query(db, MONTH + "SELECT a.feed, a.customer_uin, n.name, a.coverage, a.status, a.row_count, a.rejected_count,"
                    + " strftime(a.finished_at, '%Y-%m-%d %H:%M:%S'), a.error FROM newest a LEFT JOIN names n USING (customer_uin)"
                    + " ORDER BY a.customer_uin NULLS FIRST, a.feed, a.coverage", month, row -> files.add(new FileRow(
                    row.getString(1), uin(row, 2), row.getString(3), row.getString(4), row.getString(5), row.getLong(6),
                    row.getLong(7), row.getString(8), ShownText.of(row.getString(9)))));
            List<ErrorRow> rejected = new ArrayList<>();
            query(db, MONTH + "SELECT r.feed, r.customer_uin, n.name, r.reason, count(*) FROM rejected_rows r"
                    + " JOIN newest a USING (load_id) LEFT JOIN names n ON n.customer_uin = r.customer_uin"
                    + " GROUP BY ALL ORDER BY r.feed, r.customer_uin NULLS FIRST, count(*) DESC, r.reason", month,
                    row -> rejected.add(new ErrorRow(row.getString(1), uin(row, 2), row.getString(3), "rows rejected",
                            ShownText.of(row.getString(4)), row.getLong(5))));
            List<ReconciliationRow> reconciliation = new ArrayList<>();
            query(db, MONTH + "SELECT r.customer_uin, n.name, r.detail_total_cost, r.summary_total_cost, r.max_difference,"
                    + " r.status, strftime(r.checked_at, '%Y-%m-%d %H:%M:%S') FROM reconciliation r LEFT JOIN names n"
                    + " USING (customer_uin) WHERE r.bill_month = CAST(? AS DATE)"
                    + " ORDER BY r.status = 'RECONCILED', r.customer_uin", month, row -> reconciliation.add(
                    new ReconciliationRow(row.getLong(1), row.getString(2), MonthRows.amount(row.getBigDecimal(3)),
                            MonthRows.amount(row.getBigDecimal(4)), MonthRows.amount(row.getBigDecimal(5)),
                            row.getString(6), row.getString(7))));
            List<ChangeRow> changes = new ArrayList<>();
            query(db, MONTH + "SELECT c.feed, c.customer_uin, n.name, c.currency, count(DISTINCT c.product_name),"
                    + " sum(c.total_cost_difference), strftime(max(c.replaced_at), '%Y-%m-%d %H:%M:%S') FROM bill_changes c"
                    + " LEFT JOIN names n ON n.customer_uin = c.customer_uin WHERE c.bill_month = CAST(? AS DATE)"
                    + " GROUP BY c.feed, c.customer_uin, n.name, c.currency, c.replaced_by_load_id"
                    + " ORDER BY max(c.replaced_at) DESC, c.feed, c.customer_uin NULLS FIRST, c.currency", month,
                    row -> changes.add(new ChangeRow(row.getString(1), uin(row, 2), row.getString(3), row.getString(4),
                            row.getLong(5), MonthRows.amount(row.getBigDecimal(6)), row.getString(7))));
            return new SnapshotRows(files, rejected, reconciliation, changes);
        }
    }

    /** The L3 total cost of each month from {@code from} on, per currency, oldest first. */
    List<TrendPoint> trend(YearMonth from) throws SQLException {
        if (!Files.exists(database)) {
            return List.of();
        }
        List<TrendPoint> points = new ArrayList<>();
        try (Connection db = open();
             PreparedStatement query = db.prepareStatement("SELECT strftime(bill_month, '%Y-%m'), currency, sum(total_cost)"
                     + " FROM bill_l3 WHERE bill_month >= CAST(? AS DATE) GROUP BY ALL ORDER BY 1, 2")) {
            query.setString(1, from.atDay(1).toString());
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    points.add(new TrendPoint(row.getString(1), row.getString(2), MonthRows.amount(row.getBigDecimal(3))));
                }
            }
        }
        return points;
    }

    private Connection open() throws SQLException {
        Properties readOnly = new Properties();
        readOnly.setProperty("duckdb.read_only", "true");
        return DuckDbBudget.current().connect("jdbc:duckdb:" + database, readOnly);
    }

    private interface RowHandler {
        void accept(ResultSet row) throws SQLException;
    }

    /** Runs {@code sql}, whose every {@code ?} is the month's first day. */
    private static void query(Connection db, String sql, YearMonth month, RowHandler handler) throws SQLException {
        try (PreparedStatement query = db.prepareStatement(sql)) {
            int parameters = query.getParameterMetaData().getParameterCount();
            for (int i = 1; i <= parameters; i++) {
                query.setString(i, month.atDay(1).toString());
            }
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    handler.accept(row);
                }
            }
        }
    }

    private static Long uin(ResultSet row, int column) throws SQLException {
        long value = row.getLong(column);
        return row.wasNull() ? null : value;
    }

    /** What the file holds about one month. */
    record SnapshotRows(List<FileRow> files, List<ErrorRow> rejected, List<ReconciliationRow> reconciliation,
                        List<ChangeRow> changes) {

        static final SnapshotRows EMPTY = new SnapshotRows(List.of(), List.of(), List.of(), List.of());
    }
}
