package io.tcbill.run;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The indexes tcbill's reads of Spring Batch's tables need, created when absent (at every start of a command that
 * runs jobs; {@code status} only reads). Batch's own schema indexes nothing but its keys, and PostgreSQL not even the
 * foreign keys: without these, {@code status}, the scheduler's first metrics and Batch's own look-up of each partition's
 * last execution (one per customer at every start of a month) read every step of every execution of the month or of
 * the whole history, a partition step per customer and file. With them each reads the rows it uses.
 *
 * <p>An index is created only where no index of the table starts with its columns (H2 indexes foreign keys itself), by
 * a plain {@code CREATE INDEX IF NOT EXISTS} (H2 and PostgreSQL); two processes starting at once may both try.
 */
public final class BatchIndexes {

    private static final Logger log = LoggerFactory.getLogger(BatchIndexes.class);

    /** The indexes a start created (none once they exist); a bean, so that it is made after Batch's schema. */
    public record Created(List<String> names) {
    }

    /** One index: its name without the table prefix, its table without the prefix, its columns in order. */
    record Index(String name, String table, List<String> columns) {
    }

    static final List<Index> INDEXES = List.of(
            // status's load steps and raw keys, and Batch's last execution of a step (each partition) by instance
            new Index("STEP_EXECUTION_JOB_STEP_IX", "STEP_EXECUTION", List.of("JOB_EXECUTION_ID", "STEP_NAME")),
            // an instance's executions (the last one, restarts); H2 has it as the foreign key's index
            new Index("JOB_EXECUTION_INSTANCE_IX", "JOB_EXECUTION", List.of("JOB_INSTANCE_ID")),
            // an execution's parameters (every execution read); H2 has it as the foreign key's index
            new Index("JOB_EXECUTION_PARAMS_EXECUTION_IX", "JOB_EXECUTION_PARAMS", List.of("JOB_EXECUTION_ID")));

    private BatchIndexes() {
    }

    /**
     * Creates the indexes missing on the Batch tables of {@code tablePrefix} ({@code spring.batch.jdbc.table-prefix},
     * optionally schema-qualified); returns the names of those created. An index that cannot be created is a WARN, not
     * a failure: everything works without it, only slower as the metadata grows.
     */
    public static List<String> createMissing(Connection db, String tablePrefix) {
        List<String> created = new ArrayList<>();
        for (Index index : INDEXES) {
            String table = tablePrefix + index.table();
            String name = unqualified(tablePrefix) + index.name();
            try {
                if (covered(db, table, index.columns())) {
                    continue;
                }
                try (Statement sql = db.createStatement()) {
                    sql.execute("CREATE INDEX IF NOT EXISTS " + name + " ON " + table + " (" + String.join(", ",
                            index.columns()) + ")");
                }
                created.add(name);
            } catch (SQLException e) {
                if (!coveredQuietly(db, table, index.columns())) { // another process may have created it meanwhile
                    log.warn("could not create the index {} on {} ({}): status and the start of a run read more of the"
                            + " metadata without it", name, table, e.getMessage());
                }
            }
        }
        if (!created.isEmpty()) {
            log.info("created the index(es) {} on Spring Batch's tables (once per metadata database)", created);
        }
        return created;
    }

    /** Whether an index of {@code table} starts with {@code columns} (in order; any name, unique or not). */
    static boolean covered(Connection db, String table, List<String> columns) throws SQLException {
        DatabaseMetaData meta = db.getMetaData();
        String schema = table.contains(".") ? fold(meta, table.substring(0, table.lastIndexOf('.'))) : null;
        String name = fold(meta, table.substring(table.lastIndexOf('.') + 1));
        Map<String, Map<Integer, String>> indexes = new HashMap<>();
        try (ResultSet row = meta.getIndexInfo(null, schema, name, false, true)) {
            while (row.next()) {
                if (row.getString("INDEX_NAME") != null && row.getString("COLUMN_NAME") != null) {
                    indexes.computeIfAbsent(row.getString("INDEX_NAME"), n -> new TreeMap<>())
                            .put((int) row.getShort("ORDINAL_POSITION"), row.getString("COLUMN_NAME").toUpperCase(Locale.ROOT));
                }
            }
        }
        return indexes.values().stream().map(byPosition -> List.copyOf(byPosition.values()))
                .anyMatch(indexed -> indexed.size() >= columns.size() && indexed.subList(0, columns.size()).equals(columns));
    }

    private static boolean coveredQuietly(Connection db, String table, List<String> columns) {
        try {
            return covered(db, table, columns);
        } catch (SQLException e) {
            return false;
        }
    }

    /** An unquoted name as the database stores it (PostgreSQL folds to lower case, H2 to upper case). */
    private static String fold(DatabaseMetaData meta, String name) throws SQLException {
        return meta.storesLowerCaseIdentifiers() ? name.toLowerCase(Locale.ROOT)
                : meta.storesUpperCaseIdentifiers() ? name.toUpperCase(Locale.ROOT) : name;
    }

    /** An index is named in its table's schema: the prefix without a schema qualifier. */
    private static String unqualified(String tablePrefix) {
        return tablePrefix.substring(tablePrefix.lastIndexOf('.') + 1);
    }
}
