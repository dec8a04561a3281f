package io.tcbill.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Facts for {@code status} read straight from the curated Parquet files with a private in-memory DuckDB, so status
 * works while analysts hold the DuckDB file and never takes its lock.
 */
public final class CuratedFacts {

    /** Rejected rows of the newest load of each file, by "month/feed". */
    public final Map<String, Long> rejected = new HashMap<>();
    /**
     * "RECONCILED (n customers)", "UNRECONCILED (k of n customers)" or, once l3 or summaries loaded again since the
     * month was compared, "STALE (n customers)", by month.
     */
    public final Map<YearMonth, String> reconciliation = new HashMap<>();

    /**
     * Loads DuckDB's native library (about 0.7 s: it is unpacked from the jar at each start) without opening a database,
     * so that a later {@link #read} need not wait for it; nothing happens when it cannot load (read then reports it).
     */
    public static void loadDuckDb() {
        try {
            Class.forName("org.duckdb.DuckDBNative", true, CuratedFacts.class.getClassLoader());
        } catch (ClassNotFoundException | RuntimeException | LinkageError e) {
            // read() opens DuckDB and handles the failure there
        }
    }

    public static CuratedFacts read(Path curatedDir) {
        CuratedFacts facts = new CuratedFacts();
        boolean loads = published(curatedDir, "load_log");
        boolean reconciliations = published(curatedDir, "reconciliation");
        if (!loads && !reconciliations) {
            return facts; // nothing loaded yet: no DuckDB to start
        }
        try (Connection db = DuckDbBudget.current().connect("jdbc:duckdb:", null);
             Statement sql = db.createStatement()) {
            String loadLog = parquet(curatedDir, "load_log");
            try (ResultSet rows = !loads ? null : sql.executeQuery("SELECT strftime(bill_month, '%Y-%m') || '/' || feed, sum(rejected_count) FROM ("
                    + " SELECT *, row_number() OVER (PARTITION BY feed, bill_month, customer_uin ORDER BY finished_at DESC) AS n"
                    + " FROM " + loadLog + ") WHERE n = 1 GROUP BY ALL")) {
                while (rows != null && rows.next()) {
                    facts.rejected.put(rows.getString(1), rows.getLong(2));
                }
            }
            try (ResultSet rows = !reconciliations ? null : sql.executeQuery("SELECT strftime(bill_month, '%Y-%m'), count(*),"
                    + " count(*) FILTER (WHERE status <> 'RECONCILED'), count(*) FILTER (WHERE status = 'STALE') FROM "
                    + parquet(curatedDir, "reconciliation") + " GROUP BY ALL")) {
                while (rows != null && rows.next()) {
                    long all = rows.getLong(2);
                    long problems = rows.getLong(3);
                    facts.reconciliation.put(YearMonth.parse(rows.getString(1)), rows.getLong(4) > 0 ? "STALE (" + all
                            + " customers)" : problems == 0 ? "RECONCILED (" + all + " customers)"
                            : "UNRECONCILED (" + problems + " of " + all + " customers)");
                }
            }
        } catch (SQLException e) {
            // nothing loaded yet (no curated files): status still shows the runs
        }
        return facts;
    }

    /** Whether the table has a published file (a month or a load), so its glob matches. */
    private static boolean published(Path curatedDir, String table) {
        Path dir = curatedDir.resolve(table);
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> partitions = Files.list(dir)) {
            return partitions.anyMatch(partition -> Files.isRegularFile(partition.resolve(CuratedLayout.FILE)));
        } catch (IOException e) {
            return false;
        }
    }

    private static String parquet(Path curatedDir, String table) {
        String glob = curatedDir.resolve(table).resolve("*").resolve("data.parquet").toString().replace("'", "''");
        return "read_parquet('" + glob + "', union_by_name = true, hive_partitioning = false)";
    }
}
