package io.tcbill.load;

import io.tcbill.load.TableSchema.Column;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.stream.Collectors;

/**
 * REPLACE_MONTH for one table: the new month file is the current one's rows the loaded files do not cover (see
 * {@link Coverage}), plus the staged rows of the files that loaded, written beside it and moved over it in one atomic
 * step. A customer's rows are replaced only by a file of that customer (or a pack), never dropped for want of one.
 * When no current row survives and the month is exactly one staged Parquet file, that file is moved into place as it is.
 */
final class MonthPublisher {

    private final Connection connection;
    private final CuratedLayout layout;

    MonthPublisher(Connection connection, CuratedLayout layout) {
        this.connection = connection;
        this.layout = layout;
    }

    /**
     * @return the current rows kept because no loaded file covers them: rows by customer UIN (null: the own bill), in
     *         UIN order
     */
    Map<Long, Long> publish(String table, List<Column> columns, YearMonth month, List<StagedFile> files) throws SQLException {
        Path target = layout.monthFile(table, month);
        Map<Long, Long> kept = kept(target, files);
        if (files.size() == 1 && files.get(0).parquet() != null && kept.isEmpty()) {
            // the month is this one file's rows, already written with the table's columns: no second pass
            CuratedLayout.install(files.get(0).parquet(), target);
            return kept;
        }
        // rows carry their source_line, so the file's row order need not follow the staging order: faster, less memory
        Sql.execute(connection, "SET preserve_insertion_order = false");
        try {
            CuratedLayout.write(connection, select(columns, target, files, !kept.isEmpty()), target);
        } finally {
            Sql.execute(connection, "RESET preserve_insertion_order");
        }
        return kept;
    }

    /** The current month file's rows that none of the files replaces, counted by customer. */
    private Map<Long, Long> kept(Path current, List<StagedFile> files) throws SQLException {
        Map<Long, Long> kept = new LinkedHashMap<>();
        if (Files.exists(current)) {
            for (List<String> row : Sql.query(connection, "SELECT customer_uin, count(*) FROM " + CuratedLayout.read(current)
                    + " WHERE NOT " + replaced(files) + " GROUP BY customer_uin ORDER BY customer_uin NULLS FIRST")) {
                kept.put(row.get(0) == null ? null : Long.valueOf(row.get(0)), Long.valueOf(row.get(1)));
            }
        }
        return kept;
    }

    String select(List<Column> columns, Path current, List<StagedFile> files, boolean keepSome) {
        StringJoiner parts = new StringJoiner(" UNION ALL BY NAME ");
        if (keepSome) {
            parts.add("(SELECT * FROM " + CuratedLayout.read(current) + " WHERE NOT " + replaced(files) + ")");
        }
        parts.add(StagedFile.allRows(files));
        String projection = columns.stream()
                .map(c -> "CAST(" + Sql.identifier(c.name()) + " AS " + c.type() + ") AS " + Sql.identifier(c.name()))
                .collect(Collectors.joining(", "));
        return "SELECT " + projection + " FROM (" + parts + ")";
    }

    private static String replaced(List<StagedFile> files) {
        return Coverage.replacedRows(files.stream().map(StagedFile::coverage).toList());
    }
}
