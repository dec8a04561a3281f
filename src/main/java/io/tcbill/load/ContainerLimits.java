package io.tcbill.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The memory and CPU limits of the container this process runs in, read from its cgroup: cgroup v2
 * ({@code memory.max}, {@code cpu.max}) or v1 ({@code memory.limit_in_bytes}, {@code cpu.cfs_quota_us} /
 * {@code cpu.cfs_period_us}). The process's own cgroup is found through {@code /proc/self/cgroup}, and every ancestor
 * up to the mount's root counts (a limit set on a parent applies); the smallest limit wins. A container that mounts
 * only its own cgroup at the root is covered by the root's files.
 *
 * @param memoryBytes  the memory limit in bytes, or -1 when there is none
 * @param memorySource the file it came from, or why there is none
 * @param cpus         the CPU quota in CPUs (e.g. 1.5), or -1 when there is none
 * @param cpuSource    the file it came from, or why there is none
 */
record ContainerLimits(long memoryBytes, String memorySource, double cpus, String cpuSource) {

    static final Path CGROUP_ROOT = Path.of("/sys/fs/cgroup");
    static final Path SELF_CGROUP = Path.of("/proc/self/cgroup");

    /** cgroup v1 writes "no limit" as a page-aligned Long.MAX_VALUE; anything above this is no limit either. */
    private static final long UNLIMITED = 1L << 62;

    /** This process's limits; none where the files are absent or unreadable. */
    static ContainerLimits detect() {
        String self;
        try {
            self = Files.exists(SELF_CGROUP) ? Files.readString(SELF_CGROUP) : "";
        } catch (IOException | SecurityException e) {
            self = "";
        }
        return read(CGROUP_ROOT, self);
    }

    /** The limits under the cgroup file tree at {@code root}, for a process whose /proc/self/cgroup reads {@code self}. */
    static ContainerLimits read(Path root, String self) {
        String unified = path(self, "");
        Found memory = null;
        Found cpu = null;
        if (unified != null && Files.isRegularFile(root.resolve("cgroup.controllers"))) {
            memory = smallest(root, unified, "memory.max", ContainerLimits::v2Memory);
            cpu = smallest(root, unified, "cpu.max", ContainerLimits::v2Cpu);
        }
        if (memory == null) {
            String v1 = path(self, "memory");
            if (v1 != null) {
                memory = smallest(root.resolve("memory"), v1, "memory.limit_in_bytes", ContainerLimits::v1Memory);
            }
        }
        if (cpu == null) {
            for (String dir : List.of("cpu,cpuacct", "cpu")) {
                String v1 = path(self, "cpu");
                if (cpu == null && v1 != null && Files.isDirectory(root.resolve(dir))) {
                    cpu = smallest(root.resolve(dir), v1, "cpu.cfs_quota_us", ContainerLimits::v1Cpu);
                }
            }
        }
        return new ContainerLimits(memory == null ? -1 : (long) memory.value, memory == null ? "no cgroup memory limit" : memory.source,
                cpu == null ? -1 : cpu.value, cpu == null ? "no cgroup CPU quota" : cpu.source);
    }

    private record Found(double value, String source) {
    }

    private interface Parser {
        /** The limit a file sets, or -1 for none. */
        double parse(Path file) throws IOException;
    }

    /** The smallest limit {@code name} sets in the cgroup at {@code path} or any ancestor below {@code mount}; null if none. */
    private static Found smallest(Path mount, String path, String name, Parser parser) {
        Found found = null;
        Path dir = mount.resolve(path.replaceFirst("^/+", "")).normalize();
        while (dir != null && dir.startsWith(mount)) {
            Path file = dir.resolve(name);
            try {
                double value = Files.isRegularFile(file) ? parser.parse(file) : -1;
                if (value > 0 && (found == null || value < found.value)) {
                    found = new Found(value, file.toString());
                }
            } catch (IOException | RuntimeException e) {
                // an unreadable or odd file sets no limit we can rely on
            }
            dir = dir.equals(mount) ? null : dir.getParent();
        }
        return found;
    }

    /**
     * The cgroup path of the line of /proc/self/cgroup whose controller list holds {@code controller} ("" is the
     * cgroup v2 line {@code 0::/path}); null when there is no such line.
     */
    private static String path(String self, String controller) {
        for (String line : self.split("\n")) {
            String[] parts = line.strip().split(":", 3);
            if (parts.length < 3) {
                continue;
            }
            boolean match = controller.isEmpty() ? parts[0].equals("0") && parts[1].isEmpty()
                    : List.of(parts[1].split(",")).contains(controller);
            if (match) {
                return parts[2];
            }
        }
        return null;
    }

    private static double v2Memory(Path file) throws IOException {
        String value = Files.readString(file).strip();
        return value.equals("max") ? -1 : bytes(Long.parseLong(value));
    }

    private static double v1Memory(Path file) throws IOException {
        return bytes(Long.parseLong(Files.readString(file).strip()));
    }

    private static double bytes(long value) {
        return value <= 0 || value >= UNLIMITED ? -1 : value;
    }

    /** {@code cpu.max}: "quota period" or "max period". */
    private static double v2Cpu(Path file) throws IOException {
        String[] parts = Files.readString(file).strip().split("\\s+");
        if (parts[0].equals("max")) {
            return -1;
        }
        long period = parts.length > 1 ? Long.parseLong(parts[1]) : 100_000;
        return (double) Long.parseLong(parts[0]) / period;
    }

    private static double v1Cpu(Path quotaFile) throws IOException {
        long quota = Long.parseLong(Files.readString(quotaFile).strip());
        Path periodFile = quotaFile.resolveSibling("cpu.cfs_period_us");
        long period = Files.isRegularFile(periodFile) ? Long.parseLong(Files.readString(periodFile).strip()) : 100_000;
        return quota <= 0 || period <= 0 ? -1 : (double) quota / period;
    }
}
