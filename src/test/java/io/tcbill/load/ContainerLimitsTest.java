package io.tcbill.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reads fake cgroup file trees as a container would show them. */
class ContainerLimitsTest {

    private static final long GIB = 1L << 30;
    private static final String V2_SELF = "0::/kubepods/pod1/app\n";
    private static final String V1_SELF = """
            12:memory:/docker/abc
            4:cpu,cpuacct:/docker/abc
            0::/
            """;

    @TempDir
    Path root;

    @Test
    void cgroupV2WithoutLimitsReadsAsNone() throws IOException {
        write("cgroup.controllers", "cpu memory");
        write("kubepods/pod1/app/memory.max", "max");
        write("kubepods/pod1/app/cpu.max", "max 100000");

        ContainerLimits limits = ContainerLimits.read(root, V2_SELF);

        assertThat(limits.memoryBytes()).isEqualTo(-1);
        assertThat(limits.cpus()).isEqualTo(-1);
    }

    @Test
    void cgroupV2LimitsOfTheOwnGroupAreRead() throws IOException {
        write("cgroup.controllers", "cpu memory");
        write("kubepods/pod1/app/memory.max", String.valueOf(GIB));
        write("kubepods/pod1/app/cpu.max", "150000 100000");

        ContainerLimits limits = ContainerLimits.read(root, V2_SELF);

        assertThat(limits.memoryBytes()).isEqualTo(GIB);
        assertThat(limits.memorySource()).endsWith("kubepods/pod1/app/memory.max");
        assertThat(limits.cpus()).isEqualTo(1.5);
    }

    @Test
    void aSmallerLimitOnAParentGroupWins() throws IOException {
        write("cgroup.controllers", "cpu memory");
        write("kubepods/pod1/app/memory.max", "max");
        write("kubepods/pod1/memory.max", String.valueOf(512L << 20));
        write("kubepods/memory.max", String.valueOf(8 * GIB));
        write("kubepods/pod1/app/cpu.max", "400000 100000");
        write("kubepods/cpu.max", "200000 100000");

        ContainerLimits limits = ContainerLimits.read(root, V2_SELF);

        assertThat(limits.memoryBytes()).isEqualTo(512L << 20);
        assertThat(limits.memorySource()).endsWith("kubepods/pod1/memory.max");
        assertThat(limits.cpus()).isEqualTo(2.0);
    }

    @Test
    void aContainerWithItsOwnGroupMountedAtTheRootIsReadFromTheRoot() throws IOException {
        write("cgroup.controllers", "cpu memory");
        write("memory.max", String.valueOf(2 * GIB));
        write("cpu.max", "100000 100000");

        ContainerLimits limits = ContainerLimits.read(root, "0::/\n");

        assertThat(limits.memoryBytes()).isEqualTo(2 * GIB);
        assertThat(limits.cpus()).isEqualTo(1.0);
    }

    @Test
    void cgroupV1LimitsAreRead() throws IOException {
        write("memory/docker/abc/memory.limit_in_bytes", String.valueOf(GIB));
        write("cpu,cpuacct/docker/abc/cpu.cfs_quota_us", "50000");
        write("cpu,cpuacct/docker/abc/cpu.cfs_period_us", "100000");

        ContainerLimits limits = ContainerLimits.read(root, V1_SELF);

        assertThat(limits.memoryBytes()).isEqualTo(GIB);
        assertThat(limits.memorySource()).endsWith("memory/docker/abc/memory.limit_in_bytes");
        assertThat(limits.cpus()).isEqualTo(0.5);
    }

    @Test
    void cgroupV1UnlimitedValuesReadAsNone() throws IOException {
        write("memory/docker/abc/memory.limit_in_bytes", "9223372036854771712");
        write("memory/memory.limit_in_bytes", "9223372036854771712");
        write("cpu,cpuacct/docker/abc/cpu.cfs_quota_us", "-1");
        write("cpu,cpuacct/docker/abc/cpu.cfs_period_us", "100000");

        ContainerLimits limits = ContainerLimits.read(root, V1_SELF);

        assertThat(limits.memoryBytes()).isEqualTo(-1);
        assertThat(limits.cpus()).isEqualTo(-1);
    }

    @Test
    void cgroupV1OwnGroupNotUnderTheMountFallsBackToTheMountRoot() throws IOException {
        write("memory/memory.limit_in_bytes", String.valueOf(3 * GIB));

        ContainerLimits limits = ContainerLimits.read(root, V1_SELF);

        assertThat(limits.memoryBytes()).isEqualTo(3 * GIB);
    }

    @Test
    void absentFilesReadAsNoLimits() {
        ContainerLimits limits = ContainerLimits.read(root, "");

        assertThat(limits.memoryBytes()).isEqualTo(-1);
        assertThat(limits.cpus()).isEqualTo(-1);
        assertThat(limits.memorySource()).isEqualTo("no cgroup memory limit");
    }

    @Test
    void garbageInALimitFileSetsNoLimit() throws IOException {
        write("cgroup.controllers", "memory");
        write("kubepods/pod1/app/memory.max", "lots");

        assertThat(ContainerLimits.read(root, V2_SELF).memoryBytes()).isEqualTo(-1);
    }

    private void write(String file, String content) throws IOException {
        Path path = root.resolve(file);
        Files.createDirectories(path.getParent());
        Files.writeString(path, content + "\n");
    }
}
