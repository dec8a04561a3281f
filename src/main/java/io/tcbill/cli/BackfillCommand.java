package io.tcbill.cli;

import io.tcbill.feed.Role;
import io.tcbill.app.SpringContexts;
import io.tcbill.console.ProgressBars;
import io.tcbill.console.RunOutput;
import io.tcbill.feed.FeedCatalog;
import io.tcbill.partner.ApiProperties;
import io.tcbill.run.BackfillPlan;
import io.tcbill.run.MonthOutcome;
import io.tcbill.run.MonthPull;
import io.tcbill.run.RunHistory;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tcbill backfill --from YYYY-MM --to YYYY-MM [--feed ...] [--reprocess none|failed|all] [--dry-run]}. */
@Command(name = "backfill", mixinStandardHelpOptions = true,
        description = {
            "Runs a range of months, oldest first, a month and feed at a time.",
            "",
            "Which months run is decided by --reprocess: none = only months never run; failed = also resume months"
                    + " whose last run failed or stopped (default); all = also pull completed months again and replace"
                    + " them (restatements). --dry-run prints the plan and changes nothing."},
        footer = ExitCodes.HELP_FOOTER)
final class BackfillCommand implements Callable<Integer> {

    static final int MAX_MONTHS = 120;

    @Option(names = "--from", required = true, converter = MonthConverter.class, paramLabel = "YYYY-MM", description = "First month.")
    YearMonth from;

    @Option(names = "--to", required = true, converter = MonthConverter.class, paramLabel = "YYYY-MM", description = "Last month (included).")
    YearMonth to;

    @Option(names = "--feed", paramLabel = "FEED", split = ",", description = "Feeds (default: every feed of the role).")
    List<String> feeds = new ArrayList<>();

    @Option(names = "--reprocess", defaultValue = "failed", paramLabel = "none|failed|all",
            description = "Which months already run are run again. Default: ${DEFAULT-VALUE}.")
    BackfillPlan.Reprocess reprocess;

    @Option(names = "--dry-run", description = "Print the plan and change nothing.")
    boolean dryRun;

    @CommandLine.Mixin
    ProgressOption progress;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (to.isBefore(from)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--to " + to + " is before --from " + from);
        }
        List<YearMonth> months = new ArrayList<>();
        for (YearMonth m = from; !m.isAfter(to); m = m.plusMonths(1)) {
            months.add(m);
        }
        if (months.size() > MAX_MONTHS) {
            throw new CommandLine.ParameterException(spec.commandLine(), "the range has " + months.size()
                    + " months; backfill at most " + MAX_MONTHS + " at a time");
        }
        FeedCatalog catalog = FeedCatalog.load();
        List<String> named = FeedArguments.named(feeds, catalog, spec.commandLine());
        FeedArguments.requireServed(named, to, "--to", catalog, spec.commandLine());
        ProgressBars bars = dryRun ? null : progress.bars();
        RunOutput output = new RunOutput(spec.commandLine().getOut(), spec.commandLine().getErr(), bars);
        try (ConfigurableApplicationContext context = SpringContexts.start(ProgressOption.quietLog(
                dryRun ? Map.of() : Map.of(ApiProperties.CREDENTIALS_REQUIRED, "true"), bars != null))) {
            Role role = context.getBean(ApiProperties.class).role();
            String problem = FeedArguments.roleProblem(named, List.of(), role, catalog);
            if (problem != null) {
                spec.commandLine().getErr().println("tcbill: " + problem);
                return ExitCodes.USAGE;
            }
            List<String> selected = named.isEmpty() ? catalog.namesFor(role) : named;
            List<BackfillPlan.Step> plan = BackfillPlan.of(months, selected, catalog, context.getBean(RunHistory.class), reprocess);
            output.plan(plan, months.size());
            if (dryRun) {
                output.out().println("dry run: nothing was changed");
                return ExitCodes.OK;
            }
            return execute(plan, context, output);
        } catch (SpringContexts.StartupException e) {
            spec.commandLine().getErr().println("tcbill: " + e.getMessage());
            return ExitCodes.of(e);
        }
    }

    /** Pulls each month of the plan with its planned feeds; after each, prints where its reconciliation stands. */
    private static int execute(List<BackfillPlan.Step> plan, ConfigurableApplicationContext context, RunOutput output) {
        MonthPull pull = context.getBean(MonthPull.class);
        boolean allOk = true;
        boolean reconciled = true;
        for (Map.Entry<YearMonth, List<String>> month : BackfillPlan.runsByMonth(plan).entrySet()) {
            MonthOutcome outcome = pull.pull(month.getKey(), month.getValue(), List.of(), output);
            if (outcome.stopped()) {
                output.stopped();
                return ExitCodes.of(outcome.verdict());
            }
            output.reconciliation(outcome);
            allOk &= outcome.allSucceeded();
            reconciled &= outcome.reconciled();
        }
        if (!allOk) {
            return ExitCodes.RUN_FAILED;
        }
        return reconciled ? ExitCodes.OK : ExitCodes.UNRECONCILED;
    }
}
