package io.tcbill.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProcessMemoryTest {

    @Test
    void peakRssCountsDuckDbsNativeMemoryNotOnlyTheHeap() throws Exception {
        assumeTrue(Files.isReadable(Path.of("/proc/self/status")), "peak RSS is read from Linux's /proc");
        ProcessMemory.resetPeaks();
        long before = ProcessMemory.rss();

        try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement sql = db.createStatement()) {
            // ~100 MB of native memory, outside the Java heap
            sql.execute("CREATE TABLE t AS SELECT range AS i, repeat('x', 100) AS s FROM range(1000000)");
        }
        List<BenchFigure> figures = ProcessMemory.peaks("test");

        assertThat(figures).extracting(BenchFigure::name).containsExactly("peak heap MiB test", "peak RSS MiB test");
        assertThat(figures.get(0).baseline()).isEqualTo(Runtime.getRuntime().maxMemory() / 1048576.0);
        assertThat(figures.get(1).value()).isGreaterThan(before / 1048576.0 + 50);
    }
}
