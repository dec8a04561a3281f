package io.tcbill.load;

import static io.tcbill.load.MonthLoaderIntegrationTest.input;
import static io.tcbill.load.MonthLoaderIntegrationTest.request;
import static io.tcbill.load.MonthLoaderIntegrationTest.row;
import static org.assertj.core.api.Assertions.assertThat;

import io.tcbill.IntegrationTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** load_log keeps every attempt; the load_log_current view keeps the load now published for each file. */
@IntegrationTest
class LoadLogCurrentIntegrationTest {

    static final long A = 800000000001L;
    static final long B = 800000000002L;

    @TempDir
    Path dir;
    Path db;
    MonthLoader loader;

    @BeforeEach
    void setUp() {
        db = dir.resolve("data/tcbill.duckdb");
        loader = new MonthLoader(MonthLoaderIntegrationTest.properties(db, 0, Duration.ofSeconds(5)));
    }

    @Test
    void aMonthLoadedTwiceCountsOnceInTheCurrentLog() throws Exception {
        // given: customers A and B and the own bill loaded, then A and the own bill loaded again with other rows
        loader.load(request(true, customerFile(A, "a-1", "a-2"), customerFile(B, "b-1"), ownFile("own-1")));
        loader.load(request(false, customerFile(A, "a-3"), ownFile("own-2", "own-3")));

        // then load_log has every attempt, load_log_current the newest of each file, and its row counts are the table's
        assertThat(AnalystDb.query(db, "SELECT count(*) FROM load_log")).isEqualTo(5L);
        assertThat(AnalystDb.queryRows(db, "SELECT customer_uin, coverage, row_count FROM load_log_current "
                + "ORDER BY customer_uin NULLS FIRST")).containsExactly(
                row(null, "own", 2L), row(A, "customer", 1L), row(B, "customer", 1L));
        assertThat(AnalystDb.query(db, "SELECT CAST(sum(row_count) AS BIGINT) FROM load_log_current"))
                .isEqualTo(AnalystDb.query(db, "SELECT count(*) FROM bill_l3")).isEqualTo(4L);
        assertThat(AnalystDb.query(db, "SELECT count(*) FROM bill_l3 b JOIN load_log_current c USING (load_id)")).isEqualTo(4L);
    }

    @Test
    void aFailedLoadLeavesTheEarlierLoadCurrent() throws Exception {
        loader.load(request(false, customerFile(A, "a-1")));
        Path broken = dir.resolve("raw/broken.csv");
        Files.writeString(broken, "Payer Account ID,TransactionID\n" + A + ",a-2\n");

        loader.load(request(false, input(broken, A)));

        assertThat(AnalystDb.queryRows(db, "SELECT status FROM load_log ORDER BY finished_at"))
                .containsExactly(row("LOADED"), row("FAILED"));
        assertThat(AnalystDb.queryRows(db, "SELECT c.row_count, l.status FROM load_log_current c JOIN load_log l USING (load_id)"))
                .containsExactly(row(1L, "LOADED"));
    }

    @Test
    void aPackReplacesEarlierCustomerFilesAndALaterCustomerFileReplacesOnlyItsCustomer() throws Exception {
        // given: customer A's file, then a pack of A and B, then B's file again
        loader.load(request(false, customerFile(A, "a-1")));
        Path entry = BillCsv.l3().row("a-2", "1", Map.of("Payer Account ID", Long.toString(A)))
                .row("b-1", "2", Map.of("Payer Account ID", Long.toString(B))).write(dir.resolve("parts/1.csv"));
        Path pack = new PackZip().entry("part1.csv", entry).write(dir.resolve("raw/pack.download"));
        loader.load(request(false, new RawInput(pack, "raw/l3/pack.zip", null, "cafe", Files.size(pack), true)));
        loader.load(request(false, customerFile(B, "b-2", "b-3")));

        // then the pack is current (for A) beside B's newer file; A's first file is not
        assertThat(AnalystDb.queryRows(db, "SELECT coverage, customer_uin, row_count FROM load_log_current ORDER BY finished_at"))
                .containsExactly(row("pack", null, 2L), row("customer", B, 2L));
        assertThat(AnalystDb.queryRows(db, "SELECT customer_uin, count(*) FROM bill_l3 GROUP BY 1 ORDER BY 1"))
                .containsExactly(row(A, 1L), row(B, 2L));
    }

    private RawInput customerFile(long uin, String... transactions) throws Exception {
        BillCsv csv = BillCsv.l3().payer(uin);
        for (String transaction : transactions) {
            csv.row(transaction, "1.5");
        }
        return input(csv.write(dir.resolve("raw/" + uin + "-" + transactions[0] + ".csv")), uin);
    }

    private RawInput ownFile(String... transactions) throws Exception {
        BillCsv csv = BillCsv.l3().payer(1);
        for (String transaction : transactions) {
            csv.row(transaction, "1.5");
        }
        return input(csv.write(dir.resolve("raw/own-" + transactions[0] + ".csv")), null);
    }
}
