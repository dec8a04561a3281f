package io.tcbill.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;

/** The fan-out figure: wall time of a run against the time the documented per-action rate limits alone impose. */
final class FanOut {

    private FanOut() {
    }

    static BenchFigure figure(String name, double seconds, Map<String, Long> before, Map<String, Long> after) {
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
        return new BenchFigure(name, seconds, bound, "s", "<= 1.2", slowest);
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

    static void deleteTree(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
