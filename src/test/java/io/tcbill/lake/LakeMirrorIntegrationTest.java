package io.tcbill.lake;

import static org.assertj.core.api.Assertions.assertThat;

import io.tcbill.IntegrationTest;
import io.tcbill.PipelineTestSupport;
import io.tcbill.run.MonthRunner;
import io.tcbill.simulator.BillData;
import io.tcbill.storage.ObjectStorage;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.YearMonth;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import software.amazon.awssdk.core.sync.ResponseTransformer;

/** The lake read back: the month's Parquet object fetched from the store gives the same totals as the DuckDB views. */
@IntegrationTest
class LakeMirrorIntegrationTest extends PipelineTestSupport {

    private static final YearMonth MONTH = YearMonth.of(2026, 1);

    @Autowired
    MonthRunner runner;

    @Autowired
    ObjectStorage storage;

    @Test
    void aPublishedMonthIsInTheLakeWithTheSameTotalsAsTheDuckDbViews(@TempDir Path dir) throws Exception {
        List<Long> customers = SIMULATOR.data().customerUins().subList(40, 44);
        assertThat(runner.run(MONTH, "l3", customers).succeeded()).isTrue();

        Path local = dir.resolve("l3.parquet");
        storage.client().getObject(b -> b.bucket(storage.bucket()).key(io.tcbill.load.CuratedLayout.lakeKey("bill_l3", MONTH)),
                ResponseTransformer.toFile(local));

        BillData data = SIMULATOR.data();
        BigDecimal expected = customers.stream().map(uin -> data.expected("l3", MONTH, uin).totalCost())
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        String where = " WHERE bill_month = DATE '" + MONTH.atDay(1) + "'";
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
             ResultSet rows = duck.createStatement().executeQuery("SELECT count(*), sum(total_cost) FROM read_parquet('"
                     + local + "')" + where)) {
            rows.next();
            assertThat(rows.getLong(1)).isEqualTo(count("SELECT count(*) FROM bill_l3" + where)).isPositive();
            assertThat(rows.getBigDecimal(2)).isEqualByComparingTo(expected)
                    .isEqualByComparingTo(decimal("SELECT sum(total_cost) FROM bill_l3" + where));
        }
        assertThat(Files.size(local)).isPositive();
    }
}
