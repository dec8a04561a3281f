package io.tcbill.load;

import io.tcbill.load.TableSchema.Column;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.YearMonth;
import java.util.List;
import java.util.StringJoiner;
import java.util.stream.Collectors;

/**
 * REPLACE_MONTH for one table: the new month file is the current one's rows the loaded files do not cover (see
 * {@link Coverage}), plus the staged rows of the files that loaded, written beside it and moved over it in one atomic step.
 * When the month is exactly one staged Parquet file, that file is moved into place as it is.
 */
final class MonthPublisher {

    private final Connection connection;
    private final CuratedLayout layout;

    MonthPublisher(Connection connection, CuratedLayout layout) {
        this.connection = connection;
        this.layout = layout;
    }

    /**
     * @param keepNone true: none of the current rows survive (a whole-month load where every file loaded)
     */
    Path publish(String table, List<Column> columns, YearMonth month, List<StagedFile> files, boolean keepNone)
            throws SQLException {
        Path target = layout.monthFile(table, month);
        if (files.size() == 1 && files.get(0).parquet() != null && (keepNone || !Files.exists(target))) {
            // the month is this one file's rows, already written with the table's columns: no second pass
            CuratedLayout.install(files.get(0).parquet(), target);
            return target;
        }
        // rows carry their source_line, so the file's row order need not follow the staging order: faster, less memory
        Sql.execute(connection, "SET preserve_insertion_order = false");
        try {
            CuratedLayout.write(connection, select(columns, target, files, keepNone), target);
        } finally {
            Sql.execute(connection, "RESET preserve_insertion_order");
        }
        return target;
    }

    String select(List<Column> columns, Path current, List<StagedFile> files, boolean keepNone) {
        StringJoiner parts = new StringJoiner(" UNION ALL BY NAME ");
        if (!keepNone && Files.exists(current)) {
            parts.add("(SELECT * FROM read_parquet(" + Sql.literal(current) + ", hive_partitioning = false) WHERE NOT "
                    + Coverage.replacedRows(files.stream().map(StagedFile::coverage).toList()) + ")");
        }
        files.forEach(file -> parts.add("(" + file.select() + ")"));
        String projection = columns.stream()
                .map(c -> "CAST(" + Sql.identifier(c.name()) + " AS " + c.type() + ") AS " + Sql.identifier(c.name()))
                .collect(Collectors.joining(", "));
        return "SELECT " + projection + " FROM (" + parts + ")";
    }
}
