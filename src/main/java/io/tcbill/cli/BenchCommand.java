package io.tcbill.cli;

import io.tcbill.job.FeedRun;
import io.tcbill.job.MonthRunner;
import io.tcbill.simulator.PartnerSimulator;
import io.tcbill.simulator.SimulatorConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code tcbill bench}: measures against baselines taken in the same run, on this machine. Figures are printed, never
 * asserted; the README says how to read them.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {
            "Measures tcbill against the built-in simulator and prints ratios against a baseline measured in the",
            "same run: fan-out = wall time of fetching a reseller month's files (requests, polls, transfers) / the",
            "time the documented rate limits alone impose (requests / QPS of the busiest action; target <= 1.2);",
            "whole run = the same including the start of the job and the load into DuckDB."},
        footer = ExitCodes.HELP_FOOTER)
final class BenchCommand implements Callable<Integer> {

    @Option(names = "--customers", defaultValue = "60", description = "Reseller customers in the fan-out run. Default: ${DEFAULT-VALUE}.")
    int customers;

    @Option(names = "--json", description = "Print the figures as one JSON object instead of a table.")
    boolean json;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (customers < 1 || customers > 5000) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--customers must be between 1 and 5000");
        }
        PrintWriter out = spec.commandLine().getOut();
        Path dir = Files.createTempDirectory("tcbill-bench-");
        List<BenchFigure> figures = new ArrayList<>();
        try (PartnerSimulator simulator = PartnerSimulator.start(SimulatorConfig.defaults().withCustomers(customers, 0)
                .withRows(10, 5, 20, 5, 10).withPollsBeforeReady(1))) {
            try (ConfigurableApplicationContext context = SpringContexts.start(overrides(simulator, dir))) {
                MonthRunner runner = context.getBean(MonthRunner.class);
                YearMonth month = YearMonth.of(2026, 9);
                for (String feed : List.of("l3", "summaries")) {
                    Map<String, Long> before = simulator.stats().requestsByAction();
                    long start = System.nanoTime();
                    FeedRun run = runner.run(month, feed, List.of());
                    double seconds = (System.nanoTime() - start) / 1e9;
                    if (!run.succeeded()) {
                        out.println("bench: the " + feed + " run failed: " + run.reason());
                        return ExitCodes.RUN_FAILED;
                    }
                    Map<String, Long> after = simulator.stats().requestsByAction();
                    figures.add(FanOut.figure("fan-out " + feed + " x" + customers, run.fetchSeconds(), before, after));
                    figures.add(FanOut.figure("whole run " + feed + " x" + customers, seconds, before, after));
                }
            }
        } finally {
            FanOut.deleteTree(dir);
        }
        out.println(json ? BenchFigure.json(figures) : BenchFigure.table(figures));
        out.flush();
        return ExitCodes.OK;
    }

    private static Map<String, Object> overrides(PartnerSimulator simulator, Path dir) {
        return Map.ofEntries(
                Map.entry("tcbill.api.endpoint", simulator.endpoint().toString()),
                Map.entry("tcbill.api.secret-id", SimulatorConfig.DEMO_SECRET_ID),
                Map.entry("tcbill.api.secret-key", SimulatorConfig.DEMO_SECRET_KEY),
                Map.entry("tcbill.api.role", "reseller"),
                Map.entry("tcbill.download.allowed-hosts", "127.0.0.1"),
                Map.entry("tcbill.storage.endpoint", ""),
                Map.entry("tcbill.storage.embedded-dir", dir.resolve("objects").toString()),
                Map.entry("tcbill.duckdb.path", dir.resolve("tcbill.duckdb").toString()),
                Map.entry("spring.datasource.url", "jdbc:h2:file:" + dir.resolve("meta") + ";DB_CLOSE_ON_EXIT=FALSE"),
                Map.entry("logging.level.io.tcbill", "WARN"));
    }
}
