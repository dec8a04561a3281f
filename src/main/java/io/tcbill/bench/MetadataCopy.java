package io.tcbill.bench;

import io.tcbill.run.BatchIndexes;
import java.sql.Clob;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collections;
import java.util.List;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.datasource.init.ScriptUtils;

/**
 * A copy of a Batch metadata database {@link BatchMetadata} wrote on H2 into an empty PostgreSQL database, row for row,
 * in one transaction of batched inserts: writing 300,000 step executions through the JobRepository commits a few times
 * per step, which PostgreSQL takes most of an hour over, against about a minute to copy them.
 */
final class MetadataCopy {

    /** Parents first. */
    private static final List<String> TABLES = List.of("JOB_INSTANCE", "JOB_EXECUTION", "JOB_EXECUTION_PARAMS",
            "JOB_EXECUTION_CONTEXT", "STEP_EXECUTION", "STEP_EXECUTION_CONTEXT");
    private static final List<String> SEQUENCES = List.of("JOB_INSTANCE", "JOB_EXECUTION", "STEP_EXECUTION");

    private MetadataCopy() {
    }

    /** Creates Batch's tables and tcbill's indexes on {@code to} and copies every row of {@code from}'s. */
    static void toPostgres(Connection from, Connection to) throws SQLException {
        ScriptUtils.executeSqlScript(to, new ClassPathResource("org/springframework/batch/core/schema-postgresql.sql"));
        BatchIndexes.createMissing(to, "BATCH_");
        to.setAutoCommit(false);
        try {
            for (String table : TABLES) {
                copy(from, to, "BATCH_" + table);
            }
            try (Statement sql = to.createStatement()) {
                for (String sequence : SEQUENCES) {
                    sql.execute("SELECT setval('BATCH_" + sequence + "_SEQ', (SELECT COALESCE(MAX(" + sequence
                            + "_ID), 0) + 1 FROM BATCH_" + sequence + "))");
                }
                to.commit();
                sql.execute("ANALYZE"); // as autovacuum would soon after real runs wrote the rows
            }
        } finally {
            to.setAutoCommit(true);
        }
    }

    private static void copy(Connection from, Connection to, String table) throws SQLException {
        try (Statement select = from.createStatement(); ResultSet rows = select.executeQuery("SELECT * FROM " + table)) {
            int columns = rows.getMetaData().getColumnCount();
            StringBuilder names = new StringBuilder();
            for (int i = 1; i <= columns; i++) {
                names.append(i == 1 ? "" : ", ").append(rows.getMetaData().getColumnName(i));
            }
            String marks = String.join(", ", Collections.nCopies(columns, "?"));
            try (PreparedStatement insert = to.prepareStatement("INSERT INTO " + table + " (" + names + ") VALUES ("
                    + marks + ")")) {
                int pending = 0;
                while (rows.next()) {
                    for (int i = 1; i <= columns; i++) {
                        Object value = rows.getObject(i);
                        insert.setObject(i, value instanceof Clob text ? text.getSubString(1, (int) text.length()) : value);
                    }
                    insert.addBatch();
                    if (++pending == 1000) {
                        insert.executeBatch();
                        pending = 0;
                    }
                }
                insert.executeBatch();
            }
        }
    }
}
