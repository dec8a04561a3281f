package io.tcbill.run;

import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

/** tcbill's own small tables in the metadata database (beside Spring Batch's and Quartz's), created at start-up. */
public final class MetadataTables {

    private MetadataTables() {
    }

    /**
     * Runs {@code ddl} (a {@code CREATE TABLE IF NOT EXISTS} of {@code table}); every process does at start-up and two
     * may race: both succeed.
     */
    public static void createIfMissing(JdbcTemplate jdbc, String ddl, String table) {
        try {
            jdbc.execute(ddl);
        } catch (DataAccessException e) {
            // PostgreSQL may report a concurrent CREATE TABLE IF NOT EXISTS as a duplicate; fine if the table is there
            jdbc.queryForObject("SELECT COUNT(*) FROM " + table, Long.class);
        }
    }
}
