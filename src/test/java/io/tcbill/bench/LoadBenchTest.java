package io.tcbill.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoadBenchTest {

    @TempDir
    Path dir;

    @Test
    void measuresTheLoadAgainstReadCsvOnAGeneratedMonthAndReportsMemory() throws Exception {
        StringWriter progress = new StringWriter();

        List<BenchFigure> figures = LoadBench.run(dir, 20_000, new PrintWriter(progress));

        assertThat(figures).extracting(BenchFigure::name)
                .containsExactly("load l3 rows/s", "load l3 MB/s", "load peak heap", "load peak RSS");
        assertThat(figures).allSatisfy(f -> {
            assertThat(f.value()).isPositive();
            assertThat(f.baseline()).isPositive();
        });
        assertThat(figures.get(0).target()).isEqualTo(">= 0.8");
        assertThat(Files.size(dir.resolve("l3.csv"))).isGreaterThan(20_000L * 100);
        assertThat(Files.exists(dir.resolve("curated/bill_l3/bill_month=2026-09/data.parquet"))).isTrue();
        assertThat(progress.toString()).contains("generating an L3 CSV of 20,000 rows", "load stage", "read_csv baseline");
    }
}
