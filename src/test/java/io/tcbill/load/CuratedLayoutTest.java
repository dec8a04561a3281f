package io.tcbill.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.YearMonth;
import org.junit.jupiter.api.Test;

class CuratedLayoutTest {

    @Test
    void aMonthIsOneFileUnderItsTableAndTheSamePathUnderCuratedInTheLake() {
        CuratedLayout layout = new CuratedLayout(Path.of("/data/curated"));

        assertThat(layout.monthFile("bill_l3", YearMonth.of(2024, 5)))
                .isEqualTo(Path.of("/data/curated/bill_l3/bill_month=2024-05/data.parquet"));
        assertThat(CuratedLayout.lakeKey("bill_l3", YearMonth.of(2024, 5)))
                .isEqualTo("curated/bill_l3/bill_month=2024-05/data.parquet");
    }

    @Test
    void theViewsReadEveryPartitionOfATableButNoTemporaryFile() {
        CuratedLayout layout = new CuratedLayout(Path.of("/data/curated"));

        assertThat(layout.glob("customer_month")).isEqualTo("/data/curated/customer_month/*/data.parquet");
    }
}
