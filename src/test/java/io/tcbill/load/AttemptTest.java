package io.tcbill.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.YearMonth;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AttemptTest {

    @TempDir
    Path dir;

    @Test
    void aDuckDbReaderErrorIsOneLineNamingTheSourceKeyWithoutScratchPathsOrTheLineColumn() throws Exception {
        // given the error DuckDB's strict reader gives for a numbered copy in the work directory (its options on more lines)
        Path work = Files.createDirectories(dir.resolve("work/duckdb-0f1e2d3c-aaaa-bbbb-cccc-000000000000"));
        Path copy = Files.writeString(work.resolve("numbered-0-1.csv"), "_tcbill_line,a\r\n2,x\n3,y\r\n");
        String duckDbMessage;
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:")) {
            duckDbMessage = assertFails(db, "SELECT * FROM read_csv(" + Sql.literal(copy) + ", header = true, auto_detect = false, "
                    + "columns = {'_tcbill_line': 'BIGINT', 'a': 'VARCHAR'}, delim = ',', quote = '\"', escape = '\"')");
        }
        assertThat(duckDbMessage).contains("\n", copy.toString());
        Path raw = Files.writeString(dir.resolve("work/raw-1.csv"), "");
        RawInput input = new RawInput(raw, "raw/l3/2024-05/7.csv", 7L, "abc", 0);
        Lineage lineage = new Lineage("l3", YearMonth.of(2024, 5), 7L, input.sourceKey(), "load-1", false);

        // when a stager fails with it, with another DuckDB error naming the raw file and the line column
        String reader = Attempt.run((in, l, tag) -> {
            throw new SQLException(duckDbMessage);
        }, input, lineage, "0", 0).result().error();
        String named = Attempt.run((in, l, tag) -> {
            throw new SQLException("Conversion Error: column \"_tcbill_line\" of \"" + raw + "\" is not a number\nmore");
        }, input, lineage, "0", 0).result().error();

        // then
        assertThat(reader).isEqualTo("file raw/l3/2024-05/7.csv (customer 7) could not be read: Invalid Input Error: "
                + "The CSV Parser state machine reached an invalid state.");
        assertThat(named).isEqualTo("file raw/l3/2024-05/7.csv (customer 7) could not be read: Conversion Error: column "
                + "(the line number tcbill adds) of \"raw/l3/2024-05/7.csv\" is not a number");
    }

    @Test
    void aPublishingErrorKeepsItsFirstLineWithoutScratchPaths() {
        String message = ReaderMessage.of("IO Error: Cannot open file \"/var/tcbill/work/duckdb-0f1e2d3c-aaaa-bbbb-cccc-000000000000/"
                + "staged-0.parquet\": No space left on device\n\nLINE 1: COPY ...");

        assertThat(message).isEqualTo("IO Error: Cannot open file (a working copy): No space left on device");
    }

    private static String assertFails(Connection db, String sql) {
        try {
            Sql.query(db, sql);
        } catch (SQLException e) {
            return e.getMessage();
        }
        throw new AssertionError("DuckDB read the mixed line endings: " + sql);
    }
}
