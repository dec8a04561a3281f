package io.tcbill.load;

import io.tcbill.load.TableSchema.Column;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.StringJoiner;
import org.springframework.core.io.ClassPathResource;

/**
 * A JSON feed's raw file: NDJSON, one API answer per line ({@code action}, {@code customer_uin}, {@code request},
 * {@code response}). DuckDB reads a scratch copy ({@link AnswerCopy}) in which numbers that it would read as doubles are
 * strings of their exact digits. Every answer must have the shape the tables declare ({@link AnswerShape}); then each
 * table's rows are selected by {@code schema/json/<table>.sql} with {@code {file}} replaced by the copy's quoted path;
 * the lineage the table declares is added here. A file replaces the month's rows of every
 * customer it has an answer for, and of the customer it was requested for, in each of the feed's tables.
 */
final class JsonStager implements FileStager {

    static final String FILE = "{file}";

    private final Connection connection;
    private final Map<String, List<Column>> columnsByTable;
    private final Path tempDir;
    private final Map<String, String> queries = new LinkedHashMap<>();
    private final Map<String, AnswerShape> shapes = new LinkedHashMap<>();

    JsonStager(Connection connection, Map<String, List<Column>> columnsByTable, Path tempDir) {
        this.connection = connection;
        this.columnsByTable = columnsByTable;
        this.tempDir = tempDir;
        columnsByTable.keySet().forEach(table -> queries.put(table, query(table)));
        queries.forEach((table, sql) -> shapes.put(table, AnswerShape.parse(table, sql)));
    }

    /** The text of {@code schema/json/<table>.sql}. */
    static String query(String table) {
        String resource = "schema/json/" + table + ".sql";
        try {
            String sql = new ClassPathResource(resource).getContentAsString(StandardCharsets.UTF_8);
            if (!sql.contains(FILE)) {
                throw new IllegalStateException(resource + " must read the raw file through the placeholder " + FILE);
            }
            return sql;
        } catch (IOException e) {
            throw new UncheckedIOException("no " + resource + " on the classpath for JSON table " + table, e);
        }
    }

    /**
     * Reads a scratch copy of the file ({@link AnswerCopy}: numbers as their exact text), checks that no answer is an
     * API error and that every answer has the shape its tables declare ({@link AnswerShape}), then selects each table.
     */
    @Override
    public List<StagedFile> stage(RawInput input, Lineage lineage, String tag) throws SQLException {
        Path copy = tempDir.resolve("answers-" + tag + ".ndjson");
        try {
            AnswerCopy.write(input.localFile(), copy, input.sourceKey());
            return stage(Sql.literal(copy), lineage, tag);
        } finally {
            CsvStager.deleteQuietly(copy);
        }
    }

    private List<StagedFile> stage(String file, Lineage lineage, String tag) throws SQLException {
        String answers = "answers_" + tag;
        Sql.execute(connection, "CREATE TEMP TABLE " + answers + " AS SELECT * FROM read_ndjson(" + file + ", columns = {"
                + AnswerCopy.LINE + ": 'BIGINT', action: 'VARCHAR', customer_uin: 'BIGINT', response: 'JSON'})");
        try {
            checkNoErrorAnswer(answers, lineage);
            Coverage coverage = coverage(answers, lineage);
            for (AnswerShape shape : shapes.values()) {
                shape.check(connection, answers, lineage, coverage.customers());
            }
            List<StagedFile> staged = new ArrayList<>();
            for (var table : columnsByTable.entrySet()) {
                // a Parquet file, not a table of this database: a few customers' small tables held 36 of its 68 MiB in a
                // 1 GiB container, and DuckDB's NDJSON reader needs 32 MiB free at each read; the month's publish then
                // reads the files in one scan (StagedFile#allRows)
                Path stage = tempDir.resolve("staged-" + tag + "_" + staged.size() + ".parquet");
                String select = queries.get(table.getKey()).replace(FILE, file);
                long rows = Sql.update(connection, "COPY (SELECT " + projection(table.getValue(), lineage)
                        + " FROM (" + stripComments(select) + ") j) TO " + Sql.literal(stage) + " ("
                        + CuratedLayout.PARQUET_OPTIONS + ")");
                staged.add(StagedFile.parquet(table.getKey(), lineage, coverage, rows, 0, null, List.of(), stage));
            }
            return staged;
        } finally {
            Sql.execute(connection, "DROP TABLE IF EXISTS " + answers);
        }
    }

    /** An answer that is an API error was archived as if it were data: the customer's month would look empty. */
    private void checkNoErrorAnswer(String answers, Lineage lineage) throws SQLException {
        List<List<String>> errors = Sql.query(connection, "SELECT action, customer_uin, response ->> '$.Error.Code', "
                + "response ->> '$.Error.Message' FROM " + answers + " WHERE json_exists(response, '$.Error') LIMIT 1");
        if (!errors.isEmpty()) {
            List<String> error = errors.get(0);
            throw new RawFileException("file " + lineage.sourceKey() + ": the " + error.get(0) + " answer for customer "
                    + error.get(1) + " is an API error (" + error.get(2) + ": " + error.get(3) + "), not data");
        }
    }

    private Coverage coverage(String answers, Lineage lineage) throws SQLException {
        Set<Long> customers = new HashSet<>();
        boolean own = false;
        for (List<String> row : Sql.query(connection, "SELECT DISTINCT customer_uin FROM " + answers)) {
            Long uin = row.get(0) == null ? null : Long.valueOf(row.get(0));
            if (lineage.customerUin() != null && uin != null && !uin.equals(lineage.customerUin())) {
                throw new RawFileException("file " + lineage.sourceKey() + " was requested for customer "
                        + lineage.customerUin() + " but holds answers for customer " + uin);
            }
            own |= uin == null && lineage.customerUin() == null;
            customers.add(uin);
        }
        customers.add(lineage.customerUin());
        customers.removeIf(Objects::isNull);
        return new Coverage(own, false, customers);
    }

    private static String projection(List<Column> columns, Lineage lineage) {
        StringJoiner select = new StringJoiner(", ");
        for (Column column : columns) {
            String expression = switch (column.name()) {
                case "bill_month" -> lineage.billMonthSql();
                case "customer_uin" -> "coalesce(j.customer_uin, " + lineage.customerUinSql() + ")";
                case "source_key" -> Sql.literal(lineage.sourceKey());
                case "load_id" -> Sql.literal(lineage.loadId());
                case "source_line", TableSchema.EXTRA_COLUMNS -> "NULL";
                default -> "j." + Sql.identifier(column.name());
            };
            select.add("CAST(" + expression + " AS " + column.type() + ") AS " + Sql.identifier(column.name()));
        }
        return select.toString();
    }

    /** Drops {@code --} comment lines and a final semicolon, so the query can be wrapped in parentheses. */
    private static String stripComments(String sql) {
        String query = sql.lines().filter(line -> !line.strip().startsWith("--")).reduce("", (a, b) -> a + b + "\n");
        return query.strip().replaceAll(";$", "");
    }
}
