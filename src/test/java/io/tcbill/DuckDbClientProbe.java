package io.tcbill;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.StringJoiner;

/**
 * Run in a child JVM with an older DuckDB JDBC driver on the class path, as an analyst's client: opens the file
 * read-only and prints the client's version, then the first row of each query given, one line each, cells joined by
 * {@code |} (or {@code ERROR <message>}). Uses nothing but java.sql, so it runs against any driver version.
 */
public final class DuckDbClientProbe {

    private DuckDbClientProbe() {
    }

    public static void main(String[] args) throws SQLException {
        Properties readOnly = new Properties();
        readOnly.setProperty("duckdb.read_only", "true");
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:" + args[0], readOnly);
             Statement statement = connection.createStatement()) {
            statement.execute("SET autoinstall_known_extensions = false");
            System.out.println("version " + firstRow(statement, "SELECT library_version FROM pragma_version()"));
            for (int i = 1; i < args.length; i++) {
                try {
                    System.out.println(firstRow(statement, args[i]));
                } catch (SQLException e) {
                    System.out.println("ERROR " + e.getMessage().lines().findFirst().orElse(""));
                }
            }
        }
    }

    private static String firstRow(Statement statement, String sql) throws SQLException {
        try (ResultSet rows = statement.executeQuery(sql)) {
            StringJoiner cells = new StringJoiner("|");
            if (rows.next()) {
                for (int c = 1; c <= rows.getMetaData().getColumnCount(); c++) {
                    cells.add(String.valueOf(rows.getObject(c)));
                }
            }
            return cells.toString();
        }
    }
}
