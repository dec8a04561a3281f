package io.tcbill.cli;

import io.tcbill.app.SpringContexts;
import io.tcbill.load.CuratedFacts;
import io.tcbill.load.MonthLoader;
import io.tcbill.run.MonthStatus;
import io.tcbill.run.RunHistory;
import io.tcbill.run.RunRecord;
import java.io.PrintWriter;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.springframework.context.ConfigurableApplicationContext;
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
            "Per month and feed: the run's state, rows published, rejected rows, the month's reconciliation (STALE"
                    + " once l3 or summaries loaded again since it was compared) and (with --month or --json) the raw"
                    + " object keys. Reads the Batch metadata and the published Parquet"
                    + " files; it never locks the DuckDB file analysts use.",
            "",
            "Exits 1 when a shown month and feed's last run FAILED, else 4 when a shown month does not reconcile"
                    + " (UNRECONCILED), else 0."},
        footer = ExitCodes.HELP_FOOTER)
final class StatusCommand implements Callable<Integer> {

    private static final int MAX_INSTANCES = 100_000;

    @Option(names = "--month", converter = MonthConverter.class, paramLabel = "YYYY-MM", description = "Only this month.")
    YearMonth month;

    @Option(names = "--json", description = "Print a JSON array instead of a table.")
    boolean json;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (ConfigurableApplicationContext context = SpringContexts.start(java.util.Map.of("logging.level.io.tcbill", "WARN"))) {
            RunHistory history = context.getBean(RunHistory.class);
            CuratedFacts facts = CuratedFacts.read(context.getBean(MonthLoader.class).curatedDir());
            List<MonthStatus> lines = new ArrayList<>();
            for (RunRecord run : history.latestPerMonthAndFeed(MAX_INSTANCES)) {
                if (month == null || month.equals(run.month())) {
                    lines.add(status(run, history, facts, month != null || json));
                }
            }
            if (json) {
                out.println(JsonMapper.builder().findAndAddModules().enable(SerializationFeature.INDENT_OUTPUT).build()
                        .writeValueAsString(lines));
            } else if (lines.isEmpty()) {
                out.println(month == null ? "No runs yet. Start one with: tcbill run --month YYYY-MM" : "No runs for " + month + ".");
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

    private static MonthStatus status(RunRecord run, RunHistory history, CuratedFacts facts, boolean withKeys) {
        return new MonthStatus(run.month().toString(), run.feed(), run.scope(), run.executionId(), run.attempt(),
                run.state().name(), run.started(), run.ended(), run.rows(), facts.rejected.get(run.month() + "/" + run.feed()),
                facts.reconciliation.get(run.month()), run.reason(), withKeys ? history.rawKeys(run) : null);
    }
}
