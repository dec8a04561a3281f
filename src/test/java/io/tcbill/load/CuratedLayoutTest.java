package io.tcbill.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.YearMonth;
import org.junit.jupiter.api.Test;

class CuratedLayoutTest {

    @Test
    void aMonthIsOneFileUnderItsTableAndOneObjectPerBillingPeriodInTheLake() {
        CuratedLayout layout = new CuratedLayout(Path.of("/data/curated"));

        assertThat(layout.monthFile("bill_l3", YearMonth.of(2024, 5)))
                .isEqualTo(Path.of("/data/curated/bill_l3/bill_month=2024-05/data.parquet"));
        assertThat(CuratedLayout.lakeKey("bill_l3", YearMonth.of(2024, 5)))
                .isEqualTo("curated/bill_l3/billing_period=2024-05/data.parquet");
        assertThat(CuratedLayout.legacyLakeKey("bill_l3", YearMonth.of(2024, 5)))
                .isEqualTo("curated/bill_l3/bill_month=2024-05/data.parquet");
        assertThat(CuratedLayout.lakeEmptyKey("load_log")).isEqualTo("curated/load_log/billing_period=_empty/data.parquet");
        assertThat(CuratedLayout.lakeViewsKey("spark")).isEqualTo("curated/_views/spark.sql");
        assertThat(CuratedLayout.lakeGlob("s3://b/curated", "bill_l3")).isEqualTo("s3://b/curated/bill_l3/billing_period=*/data.parquet");
    }

    @Test
    void theLakePartitionIsNoColumnOfAnyTable() {
        assertThat(SchemaContract.tables()).isNotEmpty().allSatisfy(table -> assertThat(table.columns())
                .extracting(SchemaContract.Column::name).doesNotContain(CuratedLayout.LAKE_PARTITION));
    }

    @Test
    void theGlobReadsEveryPartitionOfATableButNoTemporaryFile() {
        CuratedLayout layout = new CuratedLayout(Path.of("/data/curated"));

        assertThat(layout.glob("customer_month")).isEqualTo("/data/curated/customer_month/*/data.parquet");
    }

    @Test
    void aPartitionFolderNamesTheRowsItsFileHoldsAndLeftoversAreNoPartitions() {
        assertThat(CuratedLayout.partitionRows("bill_l3", "bill_month=2024-05")).isEqualTo("bill_month = DATE '2024-05-01'");
        assertThat(CuratedLayout.partitionRows("load_log", "l3_2024-05_self_20240601T000000Z_ab'cd"))
                .isEqualTo("load_id = 'l3_2024-05_self_20240601T000000Z_ab''cd'");
        assertThat(CuratedLayout.partitionRows("bill_l3_history", "l3_2024-05_123_20240601T000000Z_abcd"))
                .as("a version's rows keep the load that published them; their file is the load that replaced them")
                .isEqualTo("superseded_by_load_id = 'l3_2024-05_123_20240601T000000Z_abcd'");
        assertThat(CuratedLayout.isPartition("bill_month=2024-05")).isTrue();
        assertThat(CuratedLayout.isPartition("_empty")).isFalse();
        assertThat(CuratedLayout.isPartition(".hidden")).isFalse();
    }
}
