package io.tcbill.load;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;

/**
 * The DuckDB memory limit and thread count tcbill uses when they are not configured, derived from the container's
 * limits rather than the host's: DuckDB's own defaults (80 % of the machine's RAM, all its cores) would let a 1 GiB pod
 * be killed. Memory: {@value #SHARE_PERCENT} % of what the container leaves after the JVM's maximum heap and
 * {@value #HEADROOM_MIB} MiB for the JVM's own native memory (metaspace, code, thread stacks), at least
 * {@value #FLOOR_MIB} MiB. Threads: the container's CPU quota rounded up, at most the CPUs the JVM sees.
 *
 * @param memoryLimitBytes DuckDB's memory limit in bytes, for all of tcbill's DuckDB databases together
 * @param threads          DuckDB threads per database
 * @param memorySource     how the memory limit was found, for the start-up log
 * @param threadSource     how the thread count was found, for the start-up log
 */
record DuckDbDefaults(long memoryLimitBytes, int threads, String memorySource, String threadSource) {

    static final long MIB = 1024 * 1024;
    static final int SHARE_PERCENT = 50;
    static final int HEADROOM_MIB = 256;
    static final int FLOOR_MIB = 128;

    /** The defaults for this process: its cgroup, else the JVM's view of the machine. */
    static DuckDbDefaults detect() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        long total = os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getTotalMemorySize() : -1;
        return derive(ContainerLimits.detect(), total, Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory());
    }

    /**
     * @param limits     the container's limits
     * @param jvmTotal   the machine's memory as the JVM sees it (OperatingSystemMXBean), -1 when unknown
     * @param jvmCpus    {@link Runtime#availableProcessors()}
     * @param maxHeap    {@link Runtime#maxMemory()}
     */
    static DuckDbDefaults derive(ContainerLimits limits, long jvmTotal, int jvmCpus, long maxHeap) {
        long memory;
        String from;
        if (limits.memoryBytes() > 0) {
            memory = limits.memoryBytes();
            from = "container memory " + memory / MIB + " MiB (" + limits.memorySource() + ")";
        } else if (jvmTotal > 0) {
            memory = jvmTotal;
            from = "machine memory " + memory / MIB + " MiB (the JVM's view; " + limits.memorySource() + ")";
        } else {
            memory = -1;
            from = "unknown machine memory";
        }
        long left = memory - maxHeap - HEADROOM_MIB * MIB;
        long share = left / MIB * SHARE_PERCENT / 100 * MIB;
        long limit = Math.max(FLOOR_MIB * MIB, share);
        String memorySource = SHARE_PERCENT + "% of (" + from + " - max heap " + maxHeap / MIB + " MiB - " + HEADROOM_MIB
                + " MiB headroom)" + (share < limit ? ", raised to the floor of " + FLOOR_MIB + " MiB" : "");
        int threads = Math.max(1, jvmCpus);
        String threadSource = "the " + jvmCpus + " CPUs the JVM sees";
        if (limits.cpus() > 0) {
            int quota = (int) Math.ceil(limits.cpus() - 1e-9);
            if (quota < threads) {
                threads = Math.max(1, quota);
                threadSource = "container CPU quota " + limits.cpus() + " (" + limits.cpuSource() + ")";
            }
        }
        return new DuckDbDefaults(limit, threads, memorySource, threadSource);
    }
}
