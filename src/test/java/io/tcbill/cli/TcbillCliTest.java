package io.tcbill.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tcbill.run.BillCalendar;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/** Argument handling that happens before any Spring context starts. */
class TcbillCliTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    /** As {@code main} runs them: with only the command the arguments name. */
    private int execute(String... args) {
        CommandLine cli = TcbillCli.commandLine(args);
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
    }

    @ParameterizedTest
    @ValueSource(strings = {"run", "backfill", "status", "schedule", "demo", "simulate", "bench", "lake-views"})
    void everyCommandExplainsItselfAndItsExitCodes(String command) {
        assertThat(execute(command, "--help")).isZero();
        assertThat(out.toString()).contains("Usage: tcbill " + command).contains("Exit codes:");
    }

    @ParameterizedTest
    @ValueSource(strings = {"run", "backfill", "status", "serve", "schedule", "demo", "simulate", "bench", "lake-views",
        "dictionary"})
    void aCommandAloneReadsAsAmongAllTheCommands(String command) {
        CommandLine alone = TcbillCli.commandLine(command);
        CommandLine all = TcbillCli.commandLine();

        assertThat(alone.getSubcommands()).containsOnlyKeys(command);
        assertThat(alone.getSubcommands().get(command).getUsageMessage())
                .isEqualTo(all.getSubcommands().get(command).getUsageMessage());
        assertThat(alone.getSubcommands().get(command).getCommandSpec().findOption("--debug")).isNotNull();
        assertThat(alone.getSubcommands().get(command).getExecutionExceptionHandler()).isNotNull();
    }

    @Test
    void anInheritedOptionOrHelpBeforeTheCommandStillFindsEveryCommand() {
        assertThat(TcbillCli.commandLine("--debug", "status").getSubcommands()).containsKeys("status", "run", "help");
        assertThat(execute("help", "status")).isZero();
        assertThat(out.toString()).contains("Usage: tcbill status");
        assertThat(execute("status", "--debug", "--help")).isZero();
    }

    @Test
    void withoutACommandTheUsageListsTheCommands() {
        assertThat(execute()).isZero();
        assertThat(out.toString()).contains("run").contains("demo").contains("simulate");
    }

    @Test
    void theCommandListGivesEachCommandAWholeSentenceOnOneLine() {
        assertThat(execute("--help")).isZero();
        String list = out.toString().substring(out.toString().indexOf("Commands:"));
        for (String command : List.of("run", "backfill", "status", "demo", "schedule", "simulate", "bench", "lake-views", "dictionary")) {
            assertThat(list).containsPattern("(?m)^  " + command + " +[A-Z][^\\n]*\\.$");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"run", "backfill", "status", "schedule", "demo", "simulate", "bench", "lake-views"})
    void helpFitsEightyColumnsWithoutHardBreaksMidSentence(String command) {
        CommandLine cli = TcbillCli.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setUsageHelpWidth(2000);
        assertThat(cli.execute(command, "--help")).isZero();
        // at 2000 columns a paragraph is one line: a description line ending without punctuation was broken by hand
        String description = out.toString().substring(out.toString().indexOf('\n') + 1, out.toString().indexOf("Options:"));
        assertThat(description.lines().filter(line -> !line.isBlank() && !line.startsWith("  ")))
                .allSatisfy(line -> assertThat(line).matches(".*[.:)]$"));
        out.getBuffer().setLength(0);
        assertThat(execute(command, "--help")).isZero();
        assertThat(out.toString().lines()).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(80));
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

    @Test
    void aFeedAskedForByNameBeforeItsFirstMonthIsRefused() {
        assertThat(execute("run", "--month", "2022-08", "--feed", "l2")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("--month 2022-08 is before 2023-11, the first month the Partner API has l2 bills for");
    }

    @Test
    void aBackfillOfAFeedThatEndsBeforeItsFirstMonthIsRefused() {
        assertThat(execute("backfill", "--from", "2022-06", "--to", "2023-01", "--feed", " L2 ")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("--to 2023-01 is before 2023-11").contains("l2 bills");
    }

    @Test
    void anUnknownFeedInABackfillIsRefusedNamingTheKnownOnes() {
        assertThat(execute("backfill", "--from", "2025-01", "--to", "2025-02", "--feed", "l3,l9")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("unknown feed 'l9'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "12x", "0", "-1", "1.5", "99999999999999999999"})
    void aCustomerUinThatIsNotAPositiveNumberIsRefused(String uin) {
        assertThat(execute("run", "--month", "2026-09", "--customer", uin)).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("--customer").contains(uin);
    }

    @Test
    void aCustomerWithOnlyPartnerWideFeedsIsRefusedRatherThanIgnored() {
        assertThat(execute("run", "--month", "2026-09", "--feed", "commission", "--customer", "100000000001"))
                .isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("--customer limits the per-customer feeds (", "l3", "drop --customer");
    }

    @Test
    void aWrongMonthIsRefusedByEveryCommandThatTakesOne() {
        assertThat(execute("status", "--month", "2022-01")).isEqualTo(ExitCodes.USAGE);
        assertThat(execute("backfill", "--from", "2025-13", "--to", "2026-01")).isEqualTo(ExitCodes.USAGE);
        assertThat(execute("backfill", "--from", "2025-01", "--to", "2999-01")).isEqualTo(ExitCodes.USAGE);
        assertThat(execute("demo", "--month", "2021-12")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("'2022-01' is before 2022-06").contains("'2025-13' is not a month")
                .contains("'2999-01' is in the future").contains("'2021-12' is before 2022-06");
    }

    @Test
    void theDemoRefusesAMonthThatIsNotFinalYet() {
        String current = java.time.YearMonth.now(BillCalendar.ZONE).toString();

        assertThat(execute("demo", "--month", current)).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("--month " + current + " is not final yet");
    }

    @Test
    void theDemoRefusesADataDirThatIsAFile(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path file = java.nio.file.Files.writeString(dir.resolve("not-a-dir"), "x");

        assertThat(execute("demo", "--data-dir", file.toString())).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("--data-dir").contains("is a file, not a directory");
    }

    @ParameterizedTest
    @ValueSource(strings = {"--port=70000", "--port=-1", "--port=http", "--customers=-1", "--customers=100001", "--seed=x"})
    void simulateRefusesOutOfRangeNumbers(String option) {
        assertThat(execute("simulate", option)).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains(option.substring(0, option.indexOf('=')));
    }

    @ParameterizedTest
    @ValueSource(strings = {"--customers=0", "--customers=5001", "--rows=999", "--only=everything"})
    void benchRefusesOutOfRangeNumbersAndUnknownParts(String option) {
        assertThat(execute("bench", option)).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains(option.substring(0, option.indexOf('=')));
    }
}
