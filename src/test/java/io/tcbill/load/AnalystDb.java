package io.tcbill.load;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/** What an analyst sees: a new read-only JDBC connection to the DuckDB file, querying the views. */
final class AnalystDb implements AutoCloseable {

    private final Connection connection;

    private AnalystDb(Connection connection) {
        this.connection = connection;
    }

    static AnalystDb open(Path database) throws SQLException {
        Properties readOnly = new Properties();
        readOnly.setProperty("duckdb.read_only", "true");
        return new AnalystDb(DriverManager.getConnection("jdbc:duckdb:" + database, readOnly));
    }

    /** Every row; values as JDBC returns them. */
    List<List<Object>> rows(String sql) throws SQLException {
        List<List<Object>> rows = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<Object> row = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    row.add(rs.getObject(i));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    Object one(String sql) throws SQLException {
        return rows(sql).get(0).get(0);
    }

    static Object query(Path database, String sql) throws SQLException {
        try (AnalystDb db = open(database)) {
            return db.one(sql);
        }
    }

    static List<List<Object>> queryRows(Path database, String sql) throws SQLException {
        try (AnalystDb db = open(database)) {
            return db.rows(sql);
        }
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
