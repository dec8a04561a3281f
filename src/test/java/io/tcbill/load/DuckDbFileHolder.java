package io.tcbill.load;

import java.sql.Connection;
import java.sql.DriverManager;
import java.util.Properties;

/**
 * Another process holding the analysts' DuckDB file, as an analyst's session would: {@code <path> rw|ro}. Prints
 * "holding" once the file is open and keeps it open until its standard input closes.
 */
public final class DuckDbFileHolder {

    public static void main(String[] args) throws Exception {
        Properties properties = new Properties();
        if ("ro".equals(args[1])) {
            properties.setProperty("duckdb.read_only", "true");
        }
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:" + args[0], properties)) {
            System.out.println("holding");
            System.out.flush();
            while (System.in.read() != -1) {
                // wait for the test to close our input
            }
        }
    }
}
