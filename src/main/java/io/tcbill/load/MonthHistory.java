package io.tcbill.load;

import io.tcbill.load.TableSchema.Column;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Keeps each pull of a month as a version: before a publish replaces a table's month, the current rows of every
 * customer whose rows the new files change (compared as multisets, ignoring the lineage columns) are staged for
 * {@code <table>_history}, one file per replacing load ({@code <table>_history/<load_id>/data.parquet}, append-only like
 * load_log), installed once the month is published. A customer whose re-pulled rows are identical adds nothing, nor
 * does a customer with no earlier rows. Only tables with a {@code schema/NNN_<table>_history.sql} are versioned.
 */
final class MonthHistory {

    /** The suffix of a table of earlier versions. */
    static final String SUFFIX = "_history";
    /** The column naming the load that replaced a version; a history file holds the rows one load replaced. */
    static final String KEY = "superseded_by_load_id";

    /** The columns that say where a row came from, not what it bills: a re-pull always changes them. */
    private static final Set<String> LINEAGE = Set.of("source_key", "source_line", "load_id");
    /** The amount a restatement's change is summed over, the first the table has. */
    private static final List<String> AMOUNTS = List.of("total_cost", "commission_amount");

    /** History files written to scratch, to install after the month file; and what changed. */
    record Staged(Map<Path, Path> files, Restatement restatement) {

        /** Moves each staged file to its place under the curated root. */
        void install() {
            files.forEach(CuratedLayout::install);
        }
    }

    private final Connection connection;
    private final CuratedLayout layout;
    private final List<TableSchema> tables;
    private final Path scratch;

    MonthHistory(Connection connection, CuratedLayout layout, List<TableSchema> tables, Path scratch) {
        this.connection = connection;
        this.layout = layout;
        this.tables = tables;
        this.scratch = scratch;
    }

    static boolean isHistory(String table) {
        return table.endsWith(SUFFIX);
    }

    /**
     * Stages the earlier version of the rows {@code files} change in {@code table}'s month; null when the table is not
     * versioned. Reads the current month file, so call it before the month is published.
     */
    Staged stage(String table, List<Column> columns, YearMonth month, List<StagedFile> files) throws SQLException {
        String history = table + SUFFIX;
        if (tables.stream().noneMatch(t -> t.name().equals(history))) {
            return null;
        }
        Path current = layout.monthFile(table, month);
        Restatement none = new Restatement(table, 0, Map.of());
        if (!Files.exists(current)) {
            return new Staged(Map.of(), none);
        }
        List<Column> historyColumns = TableSchema.named(tables, history).columns(connection);
        String replaced = Coverage.replacedRows(files.stream().map(StagedFile::coverage).toList());
        String old = "(SELECT * FROM " + CuratedLayout.read(current) + " WHERE " + replaced + ")";
        String pulled = "(" + StagedFile.allRows(files) + ")";
        String fingerprint = "count(*) AS n, sum(hash(" + columns.stream().filter(c -> !LINEAGE.contains(c.name()))
                .map(c -> "CAST(" + Sql.identifier(c.name()) + " AS " + c.type() + ")").collect(Collectors.joining(", "))
                + ")::HUGEINT) AS h";
        try {
            // the customers (NULL: the own bill) with earlier rows whose rows differ, compared by a fingerprint of each
            // customer's multiset of rows (count and sum of row hashes): a streaming aggregate of one row per customer,
            // where EXCEPT ALL of the rows themselves held them all (a 2,000-customer month did not fit in 256 MiB); a
            // change goes unnoticed only if two 64-bit hash sums collide
            Sql.execute(connection, "CREATE TEMP TABLE history_changed AS SELECT o.customer_uin FROM"
                    + " (SELECT customer_uin, " + fingerprint + " FROM " + old + " GROUP BY customer_uin) o"
                    + " LEFT JOIN (SELECT customer_uin, " + fingerprint + " FROM " + pulled + " GROUP BY customer_uin) p"
                    + " ON p.customer_uin IS NOT DISTINCT FROM o.customer_uin WHERE p.n IS DISTINCT FROM o.n OR p.h IS DISTINCT FROM o.h");
            long customers = Sql.queryLong(connection, "SELECT count(*) FROM history_changed");
            if (customers == 0) {
                return new Staged(Map.of(), none);
            }
            Sql.execute(connection, "CREATE TEMP TABLE history_by (customer_uin BIGINT, load_id VARCHAR)");
            Sql.execute(connection, "INSERT INTO " + history + " BY NAME SELECT " + columns.stream()
                    .map(c -> "o." + Sql.identifier(c.name())).collect(Collectors.joining(", ")) + ", "
                    + superseding(files) + " AS " + KEY + ", " + timestamp(Instant.now()) + " AS superseded_at FROM " + old
                    + " o WHERE EXISTS (SELECT 1 FROM history_changed c WHERE c.customer_uin IS NOT DISTINCT FROM o.customer_uin)");
            long unattributed = Sql.queryLong(connection, "SELECT count(*) FROM " + history + " WHERE " + KEY + " IS NULL");
            if (unattributed > 0) {
                throw new LoadException(history + " " + month + ": " + unattributed + " replaced rows have no replacing load");
            }
            Map<Path, Path> staged = new LinkedHashMap<>();
            for (List<String> load : Sql.query(connection, "SELECT DISTINCT " + KEY + " FROM " + history + " ORDER BY 1")) {
                Path tmp = scratch.resolve(history + "-" + staged.size() + ".parquet");
                CuratedLayout.write(connection, "SELECT " + historyColumns.stream().map(c -> Sql.identifier(c.name()))
                        .collect(Collectors.joining(", ")) + " FROM " + history + " WHERE " + KEY + " = "
                        + Sql.literal(load.get(0)) + " ORDER BY customer_uin NULLS FIRST, load_id, source_line", tmp);
                staged.put(tmp, layout.appendFile(history, load.get(0)));
            }
            return new Staged(staged, new Restatement(table, Math.toIntExact(customers),
                    change(columns, history, pulled)));
        } finally {
            Sql.execute(connection, "DROP TABLE IF EXISTS history_changed");
            Sql.execute(connection, "DROP TABLE IF EXISTS history_by");
            Sql.execute(connection, "DELETE FROM " + history);
        }
    }

    /**
     * The load that replaced a row of {@code o}: the file of its customer, else the pack (or the partner-wide file)
     * covering every customer; for the own bill, the own file.
     */
    private String superseding(List<StagedFile> files) throws SQLException {
        String own = null;
        String all = null;
        List<String> customers = new ArrayList<>();
        for (StagedFile file : files) {
            String load = file.lineage().loadId();
            if (file.coverage().own()) {
                own = load;
            }
            if (file.coverage().allCustomers()) {
                all = load;
            }
            file.coverage().customers().forEach(uin -> customers.add("(" + uin + ", " + Sql.literal(load) + ")"));
        }
        if (!customers.isEmpty()) {
            Sql.execute(connection, "INSERT INTO history_by VALUES " + String.join(", ", customers));
        }
        return "coalesce((SELECT max(b.load_id) FROM history_by b WHERE b.customer_uin = o.customer_uin), CASE WHEN"
                + " o.customer_uin IS NULL THEN " + Sql.literal(own) + " ELSE " + Sql.literal(all) + " END)";
    }

    /** Per currency, the changed customers' amount now minus before (empty when the table has no amount column). */
    private Map<String, BigDecimal> change(List<Column> columns, String history, String pulled) throws SQLException {
        Set<String> names = columns.stream().map(Column::name).collect(Collectors.toSet());
        String amount = AMOUNTS.stream().filter(names::contains).findFirst().orElse(null);
        if (amount == null || !names.contains("currency")) {
            return Map.of();
        }
        Map<String, BigDecimal> change = new LinkedHashMap<>();
        for (List<String> row : Sql.query(connection, "SELECT coalesce(currency, ''), sum(a) FROM ("
                + "SELECT currency, -" + amount + " AS a FROM " + history + " UNION ALL SELECT currency, " + amount + " AS a FROM "
                + pulled + " n WHERE EXISTS (SELECT 1 FROM history_changed c WHERE c.customer_uin IS NOT DISTINCT FROM n.customer_uin))"
                + " GROUP BY 1 ORDER BY 1")) {
            change.put(row.get(0), row.get(1) == null ? BigDecimal.ZERO : new BigDecimal(row.get(1)));
        }
        return change;
    }

    private static String timestamp(Instant instant) {
        return "TIMESTAMP '" + instant.truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC).toLocalDateTime() + "'";
    }
}
