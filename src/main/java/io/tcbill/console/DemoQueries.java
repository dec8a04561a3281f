package io.tcbill.console;

import io.tcbill.load.DuckDbBudget;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;

/** The example queries the demo prints, run read-only against the DuckDB file so the user sees they return rows. */
public final class DemoQueries {

    static final List<String> QUERIES = List.of(
            "SELECT bill_month, count(*) AS line_items, sum(total_cost) AS total_cost FROM bill_l3 GROUP BY ALL ORDER BY 1",
            "SELECT product_name, region, sum(total_cost) AS cost FROM bill_l3 GROUP BY ALL ORDER BY cost DESC LIMIT 5",
            "SELECT feed, bill_month, status, count(*) AS files, sum(row_count) AS line_items, sum(rejected_count) AS rejected"
                    + " FROM load_log GROUP BY ALL ORDER BY ALL");

    private static final int MAX_ROWS = 10;

    private DemoQueries() {
    }

    public static void print(Path database, PrintWriter out) {
        out.println();
        out.println("Results are in the DuckDB file " + database);
        out.println("Open it with any DuckDB client (read-only is enough), e.g.: duckdb -readonly " + database);
        out.println("Queries to try:");
        Properties readOnly = new Properties();
        readOnly.setProperty("duckdb.read_only", "true");
        try (Connection connection = DuckDbBudget.current().connect("jdbc:duckdb:" + database, readOnly)) {
            for (String query : QUERIES) {
                out.println();
                out.println("  " + query + ";");
                try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(query)) {
                    printRows(rows, out);
                }
            }
        } catch (SQLException e) {
            out.println("  (could not run the example queries: " + e.getMessage() + ")");
        }
        out.flush();
    }

    private static void printRows(ResultSet rows, PrintWriter out) throws SQLException {
        ResultSetMetaData meta = rows.getMetaData();
        StringBuilder header = new StringBuilder("    ");
        for (int i = 1; i <= meta.getColumnCount(); i++) {
            header.append(i > 1 ? " | " : "").append(meta.getColumnLabel(i));
        }
        out.println(header);
        int shown = 0;
        while (rows.next() && shown++ < MAX_ROWS) {
            StringBuilder line = new StringBuilder("    ");
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                line.append(i > 1 ? " | " : "").append(rows.getString(i));
            }
            out.println(line);
        }
    }
}
