package io.tcbill.cli;

import io.tcbill.feed.Role;
import io.tcbill.app.SpringContexts;
import io.tcbill.console.RunOutput;
import io.tcbill.feed.FeedCatalog;
import io.tcbill.load.MonthLoader;
import io.tcbill.partner.ApiProperties;
import io.tcbill.run.BillCalendar;
import io.tcbill.run.MonthOutcome;
import io.tcbill.run.MonthPull;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tcbill run --month YYYY-MM [--feed ...] [--customer ...]}. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {
            "Pulls one month of bills into object storage and DuckDB.",
            "",
            "Requests each feed's file, waits until it is ready, archives it in object storage and replaces that month"
                    + " in DuckDB. A feed that failed last time is resumed (files already archived are reused); a feed"
                    + " that completed is pulled again and replaces the month (restatements). A month and feed runs in"
                    + " one process at a time; a run whose process was killed is resumed. SIGTERM stops the running"
                    + " feed cleanly (it is resumed by the next run).",
            "",
            "Configuration comes from environment variables (TENCENTCLOUD_SECRET_ID, TENCENTCLOUD_SECRET_KEY,"
                    + " TCBILL_API_ENDPOINT, TCBILL_STORAGE_ENDPOINT, TCBILL_DUCKDB_PATH, ...; see the README)."},
        footer = ExitCodes.HELP_FOOTER)
final class RunCommand implements Callable<Integer> {

    @Option(names = "--month", required = true, converter = MonthConverter.class, paramLabel = "YYYY-MM",
            description = "The billing month, e.g. 2026-10 (June 2022 or later).")
    YearMonth month;

    @Option(names = "--feed", paramLabel = "FEED", split = ",",
            description = "Feeds to pull: l2, l3, commission, summaries, vouchers (repeat or comma-separate)."
                    + " Default: every feed of the configured role (customer: l2, l3; reseller: all).")
    List<String> feeds = new ArrayList<>();

    @Option(names = "--customer", paramLabel = "UIN", split = ",",
            description = "Reseller role only: limit the run to these customer UINs (repeat or comma-separate).")
    List<Long> customers = new ArrayList<>();

    @CommandLine.Mixin
    ProgressOption progress;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        FeedCatalog catalog = FeedCatalog.load();
        List<String> selected = FeedArguments.named(feeds, catalog, spec.commandLine());
        FeedArguments.requireServed(selected, month, "--month", catalog, spec.commandLine());
        for (Long uin : customers) {
            if (uin <= 0) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--customer must be a positive UIN, was " + uin);
            }
        }
        FeedArguments.requirePerCustomerFeed(selected, customers, catalog, spec.commandLine());
        if (!BillCalendar.isFinal(month, Clock.systemUTC())) {
            err.println("note: " + month + " is not final yet (bills are final after 01:00 UTC+8 on the 5th of the next"
                    + " month); the data may change, run it again later");
        }
        return execute(month, selected, customers.stream().distinct().toList(),
                Map.of(ApiProperties.CREDENTIALS_REQUIRED, "true"), new RunOutput(out, err, progress.bars()));
    }

    /**
     * Pulls the month's feeds (none given: the role's default feeds) in one Spring context, printing a line per feed,
     * then where the month's reconciliation stands when an l3 or summaries run reconciled it; shared with {@code demo}.
     */
    static int execute(YearMonth month, List<String> feeds, List<Long> customers, Map<String, Object> overrides,
                       RunOutput output) {
        try (ConfigurableApplicationContext context = SpringContexts.start(ProgressOption.quietLog(overrides, output.drawsBars()))) {
            Role role = context.getBean(ApiProperties.class).role();
            String problem = FeedArguments.roleProblem(feeds, customers, role, context.getBean(FeedCatalog.class));
            if (problem != null) {
                output.err().println("tcbill: " + problem);
                return ExitCodes.USAGE;
            }
            MonthOutcome outcome = context.getBean(MonthPull.class).pull(month, feeds, customers, output);
            if (outcome.stopped()) {
                output.stopped();
                return ExitCodes.of(outcome.verdict());
            }
            output.reconciliation(outcome);
            output.out().println("DuckDB file: " + context.getBean(MonthLoader.class).databasePath().toAbsolutePath());
            return ExitCodes.of(outcome.verdict());
        } catch (SpringContexts.StartupException e) {
            output.err().println("tcbill: " + e.getMessage());
            return ExitCodes.of(e);
        }
    }
}
