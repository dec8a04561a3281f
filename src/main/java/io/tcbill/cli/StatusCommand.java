package io.tcbill.cli;

import io.tcbill.app.SpringContexts;
import io.tcbill.app.StatusContext;
import io.tcbill.load.CuratedFacts;
import io.tcbill.run.MonthStatus;
import io.tcbill.run.RunRecord;
import io.tcbill.run.StatusQueries;
import io.tcbill.run.StatusReport;
import java.io.PrintWriter;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** {@code tcbill status [--month YYYY-MM] [--json]}. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = {
            "Shows the last run of each month and feed.",
            "",
            "Per month and feed: the run's state, its execution/attempt (the job execution id and the attempt it"
                    + " belongs to: a resumed run is a new execution of the same attempt, a completed month pulled again"
                    + " a new attempt), rows published, rejected rows, the month's reconciliation (STALE once l3 or"
                    + " summaries loaded again since it was compared), when it ended (ISO-8601 with the offset of this"
                    + " machine's time zone, the zone the runs are assumed to have been written in) and (with --month"
                    + " or --json) the raw object keys. A default feed of the configured role that never ran in a shown"
                    + " month is listed as NOT RUN with the command that runs it; --month shows that month even if"
                    + " nothing ran. Reads the Batch metadata and the published Parquet files; it never locks the"
                    + " DuckDB file analysts use.",
            "",
            "Exits 1 when a shown month and feed's last run FAILED, else 4 when a shown month does not reconcile"
                    + " (UNRECONCILED), else 0."},
        footer = ExitCodes.HELP_FOOTER)
final class StatusCommand implements Callable<Integer> {

    @Option(names = "--month", converter = MonthConverter.class, paramLabel = "YYYY-MM", description = "Only this month.")
    YearMonth month;

    @Option(names = "--json", description = "Print a JSON array instead of a table.")
    boolean json;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        // DuckDB's native library (unpacked from the jar at each start) loads while the configuration and the metadata
        // are read: they take about as long
        CompletableFuture<Void> duckDb = CompletableFuture.runAsync(CuratedFacts::loadDuckDb);
        try (StatusContext context = StatusContext.open(Map.of("logging.level.io.tcbill", "WARN"))) {
            StatusQueries queries = new StatusQueries(context.metadata(), context.batchTablePrefix());
            CompletableFuture<CuratedFacts> facts = duckDb.thenApply(loaded -> CuratedFacts.read(context.curatedDir()));
            List<RunRecord> runs = queries.latest(month);
            List<MonthStatus> lines = new StatusReport(context.feeds(), context.role(), facts.join(), ZoneId.systemDefault())
                    .lines(runs, month, month != null || json ? queries::rawKeys : null);
            if (json) {
                out.println(JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build()
                        .writeValueAsString(lines));
            } else if (lines.isEmpty()) {
                out.println("No runs yet. Start one with: tcbill run --month YYYY-MM");
            } else {
                out.println(MonthStatus.header());
                lines.forEach(line -> {
                    out.println(line.line());
                    if (line.rawKeys() != null && month != null) {
                        line.rawKeys().forEach(key -> out.println("         raw: " + key));
                    }
                });
            }
            return exitCode(lines);
        } catch (SpringContexts.StartupException e) {
            spec.commandLine().getErr().println("tcbill: " + e.getMessage());
            return ExitCodes.of(e);
        }
    }

    /** Non-zero when a shown run FAILED (1, as run's) or a shown month does not reconcile (4), so a cron job can alert. */
    static int exitCode(List<MonthStatus> lines) {
        if (lines.stream().anyMatch(line -> RunRecord.State.FAILED.name().equals(line.state()))) {
            return ExitCodes.RUN_FAILED;
        }
        if (lines.stream().anyMatch(line -> line.reconciliation() != null && line.reconciliation().startsWith("UNRECONCILED"))) {
            return ExitCodes.UNRECONCILED;
        }
        return ExitCodes.OK;
    }
}
