package io.tcbill.load;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns DuckDB's reject table of one {@code read_csv} scan of a {@link NumberedCsv} copy into rows of the private
 * {@code rejected_rows} table, one per rejected record: its physical line in the raw file (the number in front of the
 * record), the reason (a structural error, e.g. a wrong field count, before the cast errors it causes) and the raw
 * record without that number.
 */
final class RejectedRows {

    static final int RAW_LINE_MAX = 10_000;
    /** The number in front of a record, or the line column's name in front of a header DuckDB read as a record. */
    private static final String NUMBER = "'^([0-9]+|" + NumberedCsv.LINE_COLUMN + "),'";
    /** A record of only separators, spaces and empty quoted values. */
    private static final String BLANK = "'\\s*(\"\\s*\")?\\s*(,\\s*(\"\\s*\")?\\s*)*'";
    private static final Logger log = LoggerFactory.getLogger(RejectedRows.class);

    private final Connection connection;
    private final String errors;
    private final String index;
    private final String entry;
    private String firstReason;
    private long firstLine = Long.MAX_VALUE;

    /**
     * @param index suffix of this scan's private tables
     * @param entry the CSV's name inside a pack, named in every reason; null for a plain CSV
     */
    RejectedRows(Connection connection, String errors, String index, String entry) {
        this.connection = connection;
        this.errors = errors;
        this.index = index;
        this.entry = entry;
    }

    /** Copies the rejects into rejected_rows and returns how many records were rejected. */
    long record(Lineage lineage, String typeOfColumn) throws SQLException {
        String rejects = "rejects_" + index;
        String castReason = "CASE WHEN column_name = " + Sql.literal(NumberedCsv.LINE_COLUMN)
                + " THEN 'the start of this record could not be found (malformed quoting)' ELSE "
                + "'column ' || column_name || ': cannot read ''' || regexp_extract(error_message, "
                + "'Could not convert string \"(.*)\" to ', 1) || ''' as ' || " + typeOfColumn + " END";
        String record = "trim(csv_line, chr(13) || chr(10))";
        // a record without its number (quoting read differently by DuckDB and NumberedCsv) keeps DuckDB's count
        Sql.execute(connection, "CREATE TABLE " + rejects + " AS SELECT line, coalesce(TRY_CAST(arg_min(regexp_extract("
                + record + ", " + NUMBER + ", 1), byte_position) AS BIGINT), line) AS physical_line, "
                + "arg_min(CASE WHEN error_type = 'CAST' THEN " + castReason
                + " ELSE lower(CAST(error_type AS VARCHAR)) || ': ' || " + ownColumnsOnly("error_message") + " END, "
                + "[CAST(error_type = 'CAST' AS BIGINT), byte_position]) AS reason, "
                + "arg_min(regexp_replace(" + record + ", " + NUMBER + ", ''), byte_position) AS raw_line, "
                + "bool_and(error_type IN ('MISSING COLUMNS', 'TOO MANY COLUMNS', 'CAST')) AND bool_and(regexp_matches("
                + record + ", " + NUMBER + ")) AS may_be_blank FROM " + errors + " GROUP BY line");
        skipBlankRecords(rejects, lineage);
        long rejected = Sql.queryLong(connection, "SELECT count(*) FROM " + rejects);
        if (rejected == 0) {
            return 0;
        }
        Sql.execute(connection, "INSERT INTO rejected_rows BY NAME SELECT " + Sql.literal(lineage.loadId()) + " AS load_id, "
                + Sql.literal(lineage.feed()) + " AS feed, " + lineage.billMonthSql() + " AS bill_month, "
                + lineage.customerUinSql() + " AS customer_uin, " + Sql.literal(lineage.sourceKey()) + " AS source_key, "
                + "physical_line AS source_line, " + Sql.literal(entry == null ? "" : "entry " + entry + ": ")
                + " || reason AS reason, left(raw_line, " + RAW_LINE_MAX + ") AS raw_line FROM "
                + rejects + " ORDER BY physical_line");
        List<String> first = Sql.query(connection, "SELECT physical_line, " + Sql.literal(entry == null ? "" : "entry " + entry + ", ")
                + " || 'line ' || physical_line || ': ' || reason FROM " + rejects
                + " ORDER BY physical_line LIMIT 1").get(0);
        firstLine = Long.parseLong(first.get(0));
        firstReason = first.get(1);
        return rejected;
    }

    /**
     * A record of only separators and blanks (Excel's trailing {@code ,,,} lines) holds nothing: skipped, not rejected,
     * whatever its field count (a space in a typed column fails its cast), as {@link RowChecks} skips one that parsed.
     */
    private void skipBlankRecords(String rejects, Lineage lineage) throws SQLException {
        String blank = " WHERE may_be_blank AND regexp_full_match(raw_line, " + BLANK + ")";
        List<String> skipped = Sql.query(connection, "SELECT count(*), min(physical_line) FROM " + rejects + blank).get(0);
        if (!skipped.get(0).equals("0")) {
            Sql.execute(connection, "DELETE FROM " + rejects + blank);
            log.info("file {}{}: {} records of only separators skipped (the first on line {})", lineage.sourceKey(),
                    entry == null ? "" : " entry " + entry, skipped.get(0), skipped.get(1));
        }
    }

    /** DuckDB counts the line-number column in front of each record; the raw file's record has one column fewer. */
    private static String ownColumnsOnly(String message) {
        String counts = "'^Expected Number of Columns: ([0-9]+) Found: ([0-9]+)'";
        return "CASE WHEN regexp_matches(" + message + ", " + counts + ") THEN 'Expected Number of Columns: ' || "
                + "(CAST(regexp_extract(" + message + ", " + counts + ", 1) AS BIGINT) - 1) || ' Found: ' || "
                + "(CAST(regexp_extract(" + message + ", " + counts + ", 2) AS BIGINT) - 1) || regexp_replace("
                + message + ", " + counts + ", '') ELSE " + message + " END";
    }

    /** The line of the first rejected record; {@link Long#MAX_VALUE} when none. */
    long firstLine() {
        return firstLine;
    }

    String firstReason() {
        return firstReason;
    }
}
