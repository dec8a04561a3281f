package io.tcbill.schedule;

import io.tcbill.IntegrationTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * The job store contract on PostgreSQL (the production metadata database), in a fresh database on 127.0.0.1:5432;
 * skipped, saying so, when no server runs there ({@code .ci/run} starts it when installed).
 */
@IntegrationTest
class PostgresQuartzStoreIntegrationTest extends QuartzStoreContract {

    private static QuartzTestStore store;
    private static String unavailable;

    @BeforeAll
    static void createDatabase() {
        try {
            store = QuartzTestStore.postgres();
        } catch (QuartzTestStore.Unavailable e) {
            unavailable = e.getMessage();
            return;
        }
        // twice: the script runs on every start (spring.quartz.jdbc.initialize-schema=always) and must be a no-op then
        store.withTables(QuartzTestStore.TABLES).withTables(QuartzTestStore.TABLES);
    }

    /** Per test, so that each shows as skipped with the reason (an abort in {@code @BeforeAll} reports no tests). */
    @BeforeEach
    void requireServer() {
        Assumptions.assumeTrue(store != null, unavailable);
    }

    @AfterAll
    static void dropDatabase() throws Exception {
        if (store != null) {
            store.close();
        }
    }

    @Override
    QuartzTestStore store() {
        return store;
    }
}
