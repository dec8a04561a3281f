package io.tcbill.bench;

import io.tcbill.load.DuckDbBudget;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * This JVM's memory as {@code bench} reports it: the peak of the Java heap (sum of the heap pools' peak usage, an upper
 * bound) and the peak resident set of the whole process, DuckDB's native memory included (Linux {@code VmHWM}).
 */
final class ProcessMemory {

    private static final Path STATUS = Path.of("/proc/self/status");
    private static final Path CLEAR_REFS = Path.of("/proc/self/clear_refs");

    private ProcessMemory() {
    }

    /** Starts a new measurement: resets the heap pools' peaks and, where Linux allows it, the process's peak RSS. */
    static boolean resetPeaks() {
        heapPools().forEach(MemoryPoolMXBean::resetPeakUsage);
        try {
            Files.writeString(CLEAR_REFS, "5");
            return true;
        } catch (IOException | SecurityException | UnsupportedOperationException e) {
            return false;
        }
    }

    /**
     * The peak heap (against {@code -Xmx}) and the peak RSS of the whole process, DuckDB's native memory included
     * (against the container's memory limit, where one is set), since the last {@link #resetPeaks()}.
     */
    static List<BenchFigure> peaks(String what) {
        long limit = DuckDbBudget.containerMemory();
        return List.of(
                new BenchFigure("peak heap MiB " + what, peakHeap() / 1048576.0, maxHeap() / 1048576.0, "MiB", "",
                        "baseline is -Xmx; the simulator runs in this JVM too"),
                new BenchFigure("peak RSS MiB " + what, peakRss() / 1048576.0, limit > 0 ? limit / 1048576.0 : 0, "MiB",
                        limit > 0 ? "<= 1" : "", (limit > 0 ? "baseline is the cgroup memory limit" : "no cgroup memory limit")
                                + "; process RSS (VmHWM): heap, DuckDB and the in-JVM simulator"));
    }

    /** Sum of the heap pools' peak usage since the last reset, in bytes. */
    static long peakHeap() {
        return heapPools().mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
    }

    /** The heap limit ({@code -Xmx}), in bytes. */
    static long maxHeap() {
        return Runtime.getRuntime().maxMemory();
    }

    /** Current resident set size in bytes; -1 where /proc is unavailable. */
    static long rss() {
        return statusKb("VmRSS:");
    }

    /** Peak resident set size since the last reset (or process start) in bytes; -1 where /proc is unavailable. */
    static long peakRss() {
        return statusKb("VmHWM:");
    }

    private static java.util.stream.Stream<MemoryPoolMXBean> heapPools() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP && p.isValid());
    }

    private static long statusKb(String field) {
        try {
            for (String line : Files.readAllLines(STATUS)) {
                if (line.startsWith(field)) {
                    return Long.parseLong(line.substring(field.length()).replace("kB", "").strip()) * 1024;
                }
            }
            return -1;
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }
}
