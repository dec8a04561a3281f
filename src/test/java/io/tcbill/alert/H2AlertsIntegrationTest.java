package io.tcbill.alert;

import io.tcbill.IntegrationTest;
import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;

/** The alerts' contract on H2, the default metadata database (a fresh in-memory database per test). */
@IntegrationTest
class H2AlertsIntegrationTest extends AlertsContract {

    private DataSource metadata;

    @BeforeEach
    void createDatabase() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        metadata = h2;
    }

    @Override
    DataSource metadata() {
        return metadata;
    }
}
