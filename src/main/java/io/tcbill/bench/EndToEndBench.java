package io.tcbill.bench;

import io.tcbill.feed.Role;
import io.tcbill.app.SimulatorOverrides;
import io.tcbill.app.SpringContexts;
import io.tcbill.run.FeedRun;
import io.tcbill.run.MonthRunner;
import io.tcbill.simulator.PartnerSimulator;
import io.tcbill.simulator.SimulatorConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * End to end for one large L3 file (request, poll, transfer, load, publish) through the real job, with the peak heap
 * and peak RSS of the whole process while it ran.
 */
public final class EndToEndBench {

    private static final YearMonth MONTH = YearMonth.of(2026, 9);

    private EndToEndBench() {
    }

    public static List<BenchFigure> run(Path dir, int rows, PrintWriter progress) {
        List<BenchFigure> figures = new ArrayList<>();
        try (PartnerSimulator simulator = PartnerSimulator.start(SimulatorConfig.defaults().withRows(rows, 1, 1, 1, 1)
                .withPollsBeforeReady(1))) {
            long bytes = simulator.data().expected("l3", MONTH, null).bytes();
            progress.printf("end to end: one L3 file of %d rows, %.0f MB%n", rows, bytes / 1e6);
            progress.flush();
            ProcessMemory.resetPeaks();
            long rssBefore = ProcessMemory.rss();
            try (ConfigurableApplicationContext context = SpringContexts.start(SimulatorOverrides.of(simulator, dir, Role.CUSTOMER))) {
                long start = System.nanoTime();
                FeedRun run = context.getBean(MonthRunner.class).run(MONTH, "l3", List.of());
                double seconds = (System.nanoTime() - start) / 1e9;
                if (!run.succeeded()) {
                    throw new IllegalStateException("the end-to-end run failed: " + run.reason());
                }
                figures.add(new BenchFigure("end-to-end rows/s", run.rows() / seconds, 0, "", "", rows + " rows in "
                        + String.format("%.1f s", seconds)));
                figures.add(new BenchFigure("end-to-end MB/s", bytes / 1e6 / seconds, 0, "", "", "raw CSV bytes"));
            }
            figures.add(new BenchFigure("peak heap MiB", ProcessMemory.peakHeap() / 1048576.0,
                    ProcessMemory.maxHeap() / 1048576.0, "MiB", "< 256 MiB",
                    "baseline is -Xmx; run with java -Xmx256m -jar ... bench to check the 256 MiB bound"));
            figures.add(new BenchFigure("peak RSS MiB", ProcessMemory.peakRss() / 1048576.0, rssBefore / 1048576.0, "MiB", "",
                    "baseline is the RSS before the run (includes DuckDB's native memory)"));
        }
        return figures;
    }
}
