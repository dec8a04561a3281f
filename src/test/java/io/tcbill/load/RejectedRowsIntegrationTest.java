package io.tcbill.load;

import static io.tcbill.load.MonthLoaderIntegrationTest.input;
import static io.tcbill.load.MonthLoaderIntegrationTest.request;
import static io.tcbill.load.MonthLoaderIntegrationTest.row;
import static org.assertj.core.api.Assertions.assertThat;

import io.tcbill.IntegrationTest;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@IntegrationTest
class RejectedRowsIntegrationTest {

    @TempDir
    Path dir;
    Path db;
    Path file;

    @BeforeEach
    void writeFileWithBadRows() {
        db = dir.resolve("tcbill.duckdb");
        file = BillCsv.l3().payer(5).crlf()
                .row("ok-1", "1.00000001")                                        // line 2
                .row("ok-2", "2", Map.of("InstanceName", "two\r\nlines"))         // lines 3-4
                .raw("100000001,too,few,fields")                                  // line 5: wrong field count
                .row("bad-1", "12,5", Map.of("OriginalCost", "1"))                // line 6: bad decimal
                .row("ok-3", "-0.5")                                              // line 7
                .raw("100000001,\"Acme \"bad\" quote\",200000001")                // line 8: bad quoting
                .row("ok-4", "4")                                                 // line 9
                .write(dir.resolve("raw/bad.csv"));
    }

    @Test
    void rowsThatCannotBeReadAreSetAsideWithTheirPhysicalLineAndReason() throws Exception {
        MonthLoader loader = new MonthLoader(MonthLoaderIntegrationTest.properties(db, 3, Duration.ofSeconds(1)));

        LoadReport report = loader.load(request(false, input(file, 5L)));

        assertThat(report.files().get(0)).extracting(FileResult::loaded, FileResult::rows, FileResult::rejected)
                .containsExactly(true, 4L, 3L);
        assertThat(AnalystDb.queryRows(db, "SELECT source_line, reason FROM rejected_rows ORDER BY source_line")).containsExactly(
                row(5L, "missing columns: Expected Number of Columns: 38 Found: 4"),
                row(6L, "column 'Total Cost (Including Tax)' (total_cost): '12,5' is not a decimal amount (digits with at "
                        + "most 8 decimals, no exponent)"),
                row(8L, "unquoted value: Value with unterminated quote found."));
        assertThat(AnalystDb.queryRows(db, "SELECT raw_line, customer_uin, source_key FROM rejected_rows WHERE source_line = 5"))
                .containsExactly(row("100000001,too,few,fields", 5L, "raw/l3/5.csv"));
        assertThat(AnalystDb.queryRows(db, "SELECT transaction_id, source_line FROM bill_l3 ORDER BY source_line"))
                .containsExactly(row("ok-1", 2L), row("ok-2", 3L), row("ok-3", 7L), row("ok-4", 9L));
        assertThat(AnalystDb.query(db, "SELECT sum(total_cost) FROM bill_l3")).isEqualTo(new BigDecimal("6.50000001"));
        assertThat(AnalystDb.query(db, "SELECT rejected_count FROM load_log")).isEqualTo(3L);
    }

    @Test
    void moreRejectedRowsThanAllowedFailTheFileButStillRecordThem() throws Exception {
        MonthLoader loader = new MonthLoader(MonthLoaderIntegrationTest.properties(db, 2, Duration.ofSeconds(1)));

        LoadReport report = loader.load(request(false, input(file, 5L)));

        assertThat(report.allLoaded()).isFalse();
        assertThat(report.files().get(0).error()).contains("3 rejected rows exceed tcbill.duckdb.max-rejected-rows=2",
                "first: line 5: missing columns");
        assertThat(AnalystDb.query(db, "SELECT count(*) FROM bill_l3")).isEqualTo(0L);
        assertThat(AnalystDb.query(db, "SELECT count(*) FROM rejected_rows")).isEqualTo(3L);
        assertThat(AnalystDb.queryRows(db, "SELECT status, row_count, rejected_count FROM load_log"))
                .containsExactly(row("FAILED", 4L, 3L));
    }
}
