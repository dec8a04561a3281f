package io.tcbill.bench;

import io.tcbill.feed.Role;
import io.tcbill.app.SimulatorOverrides;
import io.tcbill.app.SpringContexts;
import io.tcbill.run.FeedRun;
import io.tcbill.run.MonthRunner;
import io.tcbill.simulator.PartnerSimulator;
import io.tcbill.simulator.SimulatorConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.springframework.context.ConfigurableApplicationContext;

/** The fan-out figure: wall time of a run against the time the documented per-action rate limits alone impose. */
public final class FanOut {

    private static final YearMonth MONTH = YearMonth.of(2026, 9);

    private FanOut() {
    }

    /**
     * A reseller month of {@code customers} customers: of {@code feeds} in order, the l3 files (20 requests/s) and the
     * summaries (1 request/s per action).
     */
    public static List<BenchFigure> run(Path dir, int customers, List<String> feeds, PrintWriter progress) {
        List<BenchFigure> figures = new ArrayList<>();
        progress.printf("fan-out: %d customers, %s%s%n", customers, String.join(" then ", feeds),
                feeds.contains("summaries") ? " (the summaries about " + customers + " s at the documented 1/s)" : "");
        progress.flush();
        try (PartnerSimulator simulator = PartnerSimulator.start(SimulatorConfig.defaults().withCustomers(customers, 0)
                .withRows(10, 5, 20, 5, 10).withPollsBeforeReady(1));
             ConfigurableApplicationContext context = SpringContexts.start(defaultPolling(SimulatorOverrides.of(simulator, dir, Role.RESELLER)))) {
            MonthRunner runner = context.getBean(MonthRunner.class);
            for (String feed : feeds) {
                Map<String, Long> before = simulator.stats().requestsByAction();
                ProcessMemory.resetPeaks();
                long start = System.nanoTime();
                FeedRun run = runner.run(MONTH, feed, List.of());
                double seconds = (System.nanoTime() - start) / 1e9;
                if (!run.succeeded()) {
                    throw new IllegalStateException("the " + feed + " run failed: " + run.reason());
                }
                Map<String, Long> after = simulator.stats().requestsByAction();
                String target = feed.equals("summaries") ? "<= 1.05" : "<= 1.2";
                figures.add(figure("fan-out " + feed + " x" + customers, run.fetchSeconds(), before, after, target));
                figures.add(figure("whole run " + feed + " x" + customers, seconds, before, after, target));
                figures.addAll(ProcessMemory.peaks(feed + " x" + customers));
            }
        }
        return figures;
    }


    static BenchFigure figure(String name, double seconds, Map<String, Long> before, Map<String, Long> after,
                              String target) {
        double bound = 0;
        String slowest = "";
        for (Map.Entry<String, Long> entry : after.entrySet()) {
            long requests = entry.getValue() - before.getOrDefault(entry.getKey(), 0L);
            double qps = documentedQps(entry.getKey());
            if (requests / qps > bound) {
                bound = requests / qps;
                slowest = requests + " " + entry.getKey() + " at " + (int) qps + "/s";
            }
        }
        return new BenchFigure(name, seconds, bound, "s", target, slowest);
    }

    /** The fan-out is measured with the production poll interval, not the demo's short one. */
    private static Map<String, Object> defaultPolling(Map<String, Object> overrides) {
        overrides.remove("tcbill.poll.initial-interval");
        return overrides;
    }

    /** The documented limits (partner-api.md §6.4), which the client and the simulator both default to. */
    static double documentedQps(String action) {
        if (action.startsWith("DescribeBillSummary") || action.equals("DescribeCustomerBillSummary")
                || action.equals("DescribeBillDetail")) {
            return 1;
        }
        if (action.equals("DescribeCustomerBillDetail") || action.equals("QueryVoucherListByUin")) {
            return 5;
        }
        return 20;
    }

    public static void deleteTree(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
