package io.tcbill.load;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The derived DuckDB memory limit and threads, from the container's limits or, without them, the JVM's view. */
class DuckDbDefaultsTest {

    private static final long MIB = 1L << 20;
    private static final ContainerLimits NONE = new ContainerLimits(-1, "no cgroup memory limit", -1, "no cgroup CPU quota");

    @Test
    void aOneGibContainerAtHalfAGibHeapGivesDuckDbHalfOfWhatIsLeftAfterTheHeadroom() {
        ContainerLimits limits = new ContainerLimits(1024 * MIB, "/sys/fs/cgroup/memory.max", 2, "/sys/fs/cgroup/cpu.max");

        DuckDbDefaults defaults = DuckDbDefaults.derive(limits, 64 * 1024 * MIB, 8, 512 * MIB);

        assertThat(defaults.memoryLimitBytes()).isEqualTo((1024 - 512 - 256) / 2 * MIB);
        assertThat(defaults.memorySource()).contains("container memory 1024 MiB", "/sys/fs/cgroup/memory.max", "max heap 512 MiB");
        assertThat(defaults.threads()).isEqualTo(2);
        assertThat(defaults.threadSource()).contains("/sys/fs/cgroup/cpu.max");
    }

    @Test
    void withoutAContainerLimitTheMachineMemoryTheJvmSeesCounts() {
        DuckDbDefaults defaults = DuckDbDefaults.derive(NONE, 16 * 1024 * MIB, 4, 1024 * MIB);

        assertThat(defaults.memoryLimitBytes()).isEqualTo((16 * 1024 - 1024 - 256) / 2 * MIB);
        assertThat(defaults.memorySource()).contains("machine memory 16384 MiB");
        assertThat(defaults.threads()).isEqualTo(4);
        assertThat(defaults.threadSource()).contains("4 CPUs the JVM sees");
    }

    @Test
    void aHeapThatLeavesNothingGetsTheFloor() {
        ContainerLimits limits = new ContainerLimits(768 * MIB, "memory.max", -1, "none");

        DuckDbDefaults defaults = DuckDbDefaults.derive(limits, -1, 2, 700 * MIB);

        assertThat(defaults.memoryLimitBytes()).isEqualTo(DuckDbDefaults.FLOOR_MIB * MIB);
        assertThat(defaults.memorySource()).contains("floor");
    }

    @Test
    void aFractionalCpuQuotaRoundsUpAndNeverExceedsTheCpusTheJvmSees() {
        ContainerLimits half = new ContainerLimits(-1, "none", 0.5, "cpu.max");
        ContainerLimits many = new ContainerLimits(-1, "none", 32, "cpu.max");
        ContainerLimits oneAndHalf = new ContainerLimits(-1, "none", 1.5, "cpu.max");

        assertThat(DuckDbDefaults.derive(half, 8L << 30, 4, 256 * MIB).threads()).isEqualTo(1);
        assertThat(DuckDbDefaults.derive(many, 8L << 30, 4, 256 * MIB).threads()).isEqualTo(4);
        assertThat(DuckDbDefaults.derive(oneAndHalf, 8L << 30, 4, 256 * MIB).threads()).isEqualTo(2);
    }
}
