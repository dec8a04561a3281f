package io.tcbill.load;

import static io.tcbill.load.MonthLoaderIntegrationTest.input;
import static org.assertj.core.api.Assertions.assertThat;

import io.tcbill.IntegrationTest;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A reseller month of many small files publishes within a small DuckDB memory limit, first and when restated: the
 * staged files are read in one scan, not a UNION of one scan per file (which ran a 2,000-customer month out of a 2 GB
 * limit at the publish), and a restatement finds the changed customers by a per-customer fingerprint, not EXCEPT ALL
 * of all the rows (which ran this month out of 64 MiB, and a 2,000-customer month out of 256 MiB).
 */
@IntegrationTest
class ManySmallFilesMemoryIntegrationTest {

    private static final int CUSTOMERS = 150;
    private static final int ROWS = 500;

    @TempDir
    Path dir;

    @Test
    void aMonthOfManySmallFilesPublishesAndRestatesWithin64MiB() throws Exception {
        // given: one DuckDB database at a time, with 64 MiB
        Path db = dir.resolve("data/tcbill.duckdb");
        MonthLoader loader = new MonthLoader(new DuckDbProperties(db, null, null, "64MiB", 0, Duration.ofMinutes(2), 1, 1));

        // when: the month is loaded, then pulled again with every amount changed (a restatement: history is staged)
        LoadReport first = loader.load(month("1"));
        LoadReport again = loader.load(month("2"));

        // then
        assertThat(first.allLoaded()).isTrue();
        assertThat(again.allLoaded()).isTrue();
        assertThat(AnalystDb.query(db, "SELECT count(*) FROM bill_l3")).isEqualTo((long) CUSTOMERS * ROWS);
        assertThat(AnalystDb.query(db, "SELECT sum(total_cost) FROM bill_l3")).isEqualTo(new BigDecimal(CUSTOMERS * ROWS * 2 + ".00000000"));
        assertThat(AnalystDb.query(db, "SELECT count(DISTINCT (customer_uin, source_key)) FROM bill_l3")).isEqualTo((long) CUSTOMERS);
        assertThat(AnalystDb.query(db, "SELECT count(*) FROM bill_l3 WHERE source_line NOT BETWEEN 2 AND " + (ROWS + 1)))
                .isEqualTo(0L);
        assertThat(AnalystDb.query(db, "SELECT count(*) FROM bill_l3_history")).isEqualTo((long) CUSTOMERS * ROWS);
    }

    private LoadRequest month(String amount) throws Exception {
        List<RawInput> files = new ArrayList<>();
        for (int c = 1; c <= CUSTOMERS; c++) {
            BillCsv csv = BillCsv.l3().payer(c);
            for (int r = 0; r < ROWS; r++) {
                csv.row("tx-" + c + "-" + r, amount);
            }
            files.add(input(csv.write(dir.resolve("raw/" + amount + "/" + c + ".csv")), (long) c));
        }
        return new LoadRequest(MonthLoaderIntegrationTest.L3, MonthLoaderIntegrationTest.MAY, files, false);
    }
}
