package io.tcbill.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;

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
