package io.tcbill.lake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tcbill.load.SchemaContract;
import io.tcbill.load.SchemaContract.Column;
import io.tcbill.load.SchemaContract.Table;
import io.tcbill.load.SchemaContract.View;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The generator's translation of the portable subset, and its refusal of anything else. */
class LakeViewsTest {

    private static final List<Table> TABLES = List.of(new Table("bill_l3", List.of(new Column("total_cost", "DECIMAL(38,8)"),
            new Column("bill_month", "DATE"), new Column("usage_start_time", "TIMESTAMP"), new Column("region", "VARCHAR"))));

    private static View view(String sql) {
        return new View("x.sql", "x", "-- a \"comment\" with VARCHAR\nCREATE OR REPLACE VIEW x AS " + sql + ";\n");
    }

    @Test
    void sparkGetsBackticksStringTemporaryViewsAndTheTablesPartitionColumn() {
        String sql = new LakeViews(TABLES, List.of(view("SELECT CAST(region AS VARCHAR) AS \"Region\", 'VARCHAR \"q\"' AS s,"
                + " CAST(bill_month AS TIMESTAMP) + INTERVAL '1' MONTH AS e FROM bill_l3"))).script(LakeViews.Engine.SPARK, "s3a://b/curated/");

        assertThat(sql).contains("SET spark.sql.session.timeZone=UTC;")
                .contains("CREATE OR REPLACE TEMPORARY VIEW `bill_l3` (`total_cost` DECIMAL(38,8), `bill_month` DATE,"
                        + " `usage_start_time` TIMESTAMP_NTZ, `region` STRING, `billing_period` STRING)")
                .contains("USING parquet OPTIONS (path 's3a://b/curated/bill_l3/billing_period=*/data.parquet',"
                        + " basePath 's3a://b/curated/bill_l3')")
                .contains("CREATE OR REPLACE TEMPORARY VIEW x AS SELECT CAST(region AS STRING) AS `Region`, 'VARCHAR \"q\"' AS s,")
                .doesNotContain("comment");
    }

    @Test
    void sparkReadsAQuoteOrBackslashInAStringLiteralAsTheOtherEnginesDo() {
        // a configured reseller name reaches focus_1_3 as a literal; Spark would read 'O''Brien' as 'O' 'Brien' = OBrien
        String sql = new LakeViews(TABLES, List.of(view("SELECT 'O''Brien \\ Co' AS issuer, '' AS empty FROM bill_l3")))
                .script(LakeViews.Engine.SPARK, "/lake");

        assertThat(sql).contains("SELECT 'O\\'Brien \\\\ Co' AS issuer, '' AS empty FROM bill_l3");
        assertThat(new LakeViews(TABLES, List.of(view("SELECT 'O''Brien' AS issuer FROM bill_l3")))
                .script(LakeViews.Engine.TRINO, "/lake")).contains("'O''Brien'");
    }

    @Test
    void duckDbReadsOnlyBillingPeriodFoldersWithThePartitionAsVarcharAndTheDdlTypes() {
        String sql = new LakeViews(TABLES, List.of()).script(LakeViews.Engine.DUCKDB, "/copy/curated");

        assertThat(sql).contains("CAST(\"bill_month\" AS DATE) AS \"bill_month\"")
                .contains("read_parquet('/copy/curated/bill_l3/billing_period=*/data.parquet', hive_partitioning = true,"
                        + " hive_types = {'billing_period': VARCHAR}");
    }

    @Test
    void trinoGetsExternalHiveTablesPartitionedByBillingPeriodAndSyncsThem() {
        String sql = new LakeViews(TABLES, List.of()).script(LakeViews.Engine.TRINO, "s3://b/curated");

        assertThat(sql).contains("CREATE TABLE \"bill_l3\" (\"total_cost\" DECIMAL(38,8), \"bill_month\" DATE,"
                        + " \"usage_start_time\" TIMESTAMP, \"region\" VARCHAR, \"billing_period\" VARCHAR)")
                .contains("WITH (external_location = 's3://b/curated/bill_l3', format = 'PARQUET',"
                        + " partitioned_by = ARRAY['billing_period'])")
                .contains("CALL system.sync_partition_metadata('tcbill', 'bill_l3', 'FULL');");
    }

    @Test
    void aConstructOutsideThePortableSubsetFailsNamingTheViewAndTheConstruct() {
        LakeViews views = new LakeViews(TABLES, List.of(view("SELECT any_value(region) FROM bill_l3 WHERE region ILIKE 'a%'"
                + " AND bill_month + INTERVAL 1 MONTH > usage_start_time + INTERVAL '8' HOUR")));

        assertThatThrownBy(() -> views.script(LakeViews.Engine.DUCKDB, "/l"))
                .isInstanceOf(PortableSql.NotPortableException.class)
                .hasMessageContaining("x (schema/views/x.sql): ILIKE")
                .hasMessageContaining("x (schema/views/x.sql): any_value()")
                .hasMessageContaining("INTERVAL not written INTERVAL 'n' UNIT")
                .hasMessageContaining("DATE column bill_month +/- INTERVAL")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("usage_start_time"));
    }

    @Test
    void everyViewOfTheSchemaTranslatesForEveryEngine() {
        LakeViews views = LakeViews.ofSchema();
        for (LakeViews.Engine engine : LakeViews.Engine.values()) {
            assertThat(views.script(engine, engine.defaultLocation("tcbill")))
                    .contains(SchemaContract.views().stream().map(v -> "-- " + v.name() + " ").toList());
        }
    }
}
