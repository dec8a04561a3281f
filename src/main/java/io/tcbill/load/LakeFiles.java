package io.tcbill.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * What the lake holds for a table, as a local Parquet file with the table's DDL columns: a month table's published
 * month file as it is; for the append-only tables (load_log, rejected_rows: one file per publish; the history tables: one
 * per replacing load) all the rows of one bill month from all their files, identified by their {@code bill_month} column; and each table's zero-row file.
 */
public final class LakeFiles {

    /** The operational tables written one file per publish ({@link LoadLog}), mirrored after every load. */
    public static final Set<String> LOGS = Set.of("load_log", "rejected_rows");
    /**
     * The tables written a file at a time and never rewritten: the logs and the earlier versions of the bill tables ({@link MonthHistory});
     * the lake holds them one object per month.
     */
    public static final Set<String> APPEND_ONLY = Set.of("load_log", "rejected_rows", "bill_l3_history", "bill_l2_history",
            "commission_detail_history");

    private final CuratedLayout layout;
    private final List<TableSchema> tables;

    public LakeFiles(CuratedLayout layout) {
        this.layout = layout;
        this.tables = TableSchema.readAll();
    }

    /**
     * The file holding the table's month for the lake: the published month file, or for an append-only table a file
     * written to {@code scratch} with the month's rows of all its load files (zero rows when it has none). Null when a
     * month table has no published file for the month.
     *
     * @throws LoadException when the append-only table's files cannot be read or the month's file written
     */
    public Path monthFile(String table, YearMonth month, Path scratch) {
        if (!APPEND_ONLY.contains(table)) {
            Path file = layout.monthFile(table, month);
            return Files.isRegularFile(file) ? file : null;
        }
        String rows = hasLoadFiles(table) ? " SELECT * FROM read_parquet(" + Sql.literal(layout.glob(table))
                + ", union_by_name = true, hive_partitioning = false) WHERE bill_month = DATE '" + month.atDay(1) + "'" : null;
        write(table, rows, scratch);
        return scratch;
    }

    /** Writes a file with zero rows and the table's DDL columns to {@code target}. */
    public void writeEmpty(String table, Path target) {
        write(table, null, target);
    }

    /**
     * Writes a zero-row file of each table to its target, in one DuckDB database: one per table took about 130 ms each,
     * 2 s of every run's start for the lake's 15 tables.
     */
    public void writeEmpty(Map<String, Path> targets) {
        try (Connection connection = DuckDbBudget.current().connect("jdbc:duckdb:", null)) {
            for (Map.Entry<String, Path> target : targets.entrySet()) {
                write(connection, target.getKey(), null, target.getValue());
            }
        } catch (SQLException e) {
            throw new LoadException("cannot write the lake's zero-row files: " + e.getMessage(), e);
        }
    }

    /** The table's DDL columns filled BY NAME with {@code rows} (none when null), written to target in row order. */
    private void write(String table, String rows, Path target) {
        try (Connection connection = DuckDbBudget.current().connect("jdbc:duckdb:", null)) {
            write(connection, table, rows, target);
        } catch (SQLException e) {
            throw new LoadException("cannot write the lake file of " + table + " to " + target + ": " + e.getMessage(), e);
        }
    }

    private void write(Connection connection, String table, String rows, Path target) {
        try {
            TableSchema.named(tables, table).columns(connection);
            // the file is written ORDER BY (below): reading thousands of load files in any order streams in bounded
            // memory, where keeping their order ran a 2,000-customer month's load_log out of a 68 MiB limit
            Sql.execute(connection, "SET preserve_insertion_order = false");
            if (rows != null) {
                Sql.execute(connection, "INSERT INTO " + table + " BY NAME" + rows);
            }
            String order = table.equals("rejected_rows") ? "load_id, source_line"
                    : MonthHistory.isHistory(table) ? MonthHistory.KEY + ", customer_uin, load_id, source_line" : "load_id";
            CuratedLayout.write(connection, "SELECT * FROM " + table
                    + (APPEND_ONLY.contains(table) ? " ORDER BY " + order : ""), target);
            Sql.execute(connection, "RESET preserve_insertion_order");
        } catch (SQLException e) {
            throw new LoadException("cannot write the lake file of " + table + " to " + target + ": " + e.getMessage(), e);
        }
    }

    private boolean hasLoadFiles(String table) {
        Path dir = layout.root().resolve(table);
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> loads = Files.list(dir)) {
            return loads.anyMatch(load -> Files.isRegularFile(load.resolve(CuratedLayout.FILE)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }
}
