package io.tcbill.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/** Argument handling that happens before any Spring context starts. */
class TcbillCliTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int execute(String... args) {
        CommandLine cli = TcbillCli.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
    }

    @ParameterizedTest
    @ValueSource(strings = {"run", "backfill", "status", "schedule", "demo", "simulate", "bench"})
    void everyCommandExplainsItselfAndItsExitCodes(String command) {
        assertThat(execute(command, "--help")).isZero();
        assertThat(out.toString()).contains("Usage: tcbill " + command).contains("Exit codes:");
    }

    @Test
    void withoutACommandTheUsageListsTheCommands() {
        assertThat(execute()).isZero();
        assertThat(out.toString()).contains("run").contains("demo").contains("simulate");
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-13", "26-10", "2026/10", "October", "2022-05", "2999-01"})
    void aWrongMonthIsRefusedWithTheReason(String month) {
        assertThat(execute("run", "--month", month)).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("--month").contains(month);
    }

    @Test
    void anUnknownFeedIsRefusedNamingTheKnownOnes() {
        assertThat(execute("run", "--month", "2026-09", "--feed", "l4")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("unknown feed 'l4'").contains("commission, l2, l3");
    }

    @Test
    void aNonPositiveCustomerUinIsRefused() {
        assertThat(execute("run", "--month", "2026-09", "--customer", "-5")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("--customer must be a positive UIN");
    }

    @Test
    void aBackfillRangeThatRunsBackwardsOrIsTooLongIsRefused() {
        assertThat(execute("backfill", "--from", "2025-05", "--to", "2025-01")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("--to 2025-01 is before --from 2025-05");
        assertThat(execute("backfill", "--from", "2022-06", "--to", "2026-09", "--reprocess", "sometimes")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("--reprocess");
    }
}
