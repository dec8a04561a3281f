package io.tcbill.schedule;

import io.tcbill.IntegrationTest;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The job store contract on an H2 file, the default metadata database. */
@IntegrationTest
class H2QuartzStoreIntegrationTest extends QuartzStoreContract {

    @TempDir
    static Path dir;

    private static QuartzTestStore store;

    @BeforeAll
    static void createTables() {
        // twice: the script runs on every start (spring.quartz.jdbc.initialize-schema=always) and must be a no-op then
        store = QuartzTestStore.h2(dir).withTables(QuartzTestStore.TABLES).withTables(QuartzTestStore.TABLES);
    }

    @Override
    QuartzTestStore store() {
        return store;
    }

    @Test
    void tablesCreatedEarlierByQuartzsOwnH2ScriptStillWork(@TempDir Path older) throws Exception {
        // given an H2 file whose tables came from Quartz's tables_h2.sql (BLOB columns), as earlier versions created
        QuartzTestStore earlier = QuartzTestStore.h2(older).withTables("org/quartz/impl/jdbcjobstore/tables_h2.sql")
                .withTables(QuartzTestStore.TABLES);

        // then the configured delegate reads and writes them the same way
        assertMissedFiresRunOnce(earlier);
    }
}
