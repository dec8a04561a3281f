package io.tcbill.alert;

import io.tcbill.IntegrationTest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The alerts' contract on PostgreSQL (the production metadata database), in a fresh database per test on the local
 * server at 127.0.0.1:5432 (user postgres, as .ci/run starts it); skipped with the reason where there is none.
 */
@IntegrationTest
class PostgresAlertsIntegrationTest extends AlertsContract {

    private static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/";

    private String name;
    private DataSource metadata;

    @BeforeEach
    void createDatabase() {
        name = "tcbill_alerts_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection admin = DriverManager.getConnection(SERVER + "postgres", "postgres", "");
             Statement sql = admin.createStatement()) {
            sql.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            name = null;
            Assumptions.abort("PostgreSQL is not reachable at 127.0.0.1:5432 as user postgres (.ci/run starts it when"
                    + " installed): " + e.getMessage());
        }
        metadata = new DriverManagerDataSource(SERVER + name, "postgres", "");
    }

    @AfterEach
    void dropDatabase() throws SQLException {
        if (name != null) {
            try (Connection admin = DriverManager.getConnection(SERVER + "postgres", "postgres", "");
                 Statement sql = admin.createStatement()) {
                sql.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            }
        }
    }

    @Override
    DataSource metadata() {
        return metadata;
    }
}
