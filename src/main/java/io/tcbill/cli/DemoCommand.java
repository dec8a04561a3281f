package io.tcbill.cli;

import io.tcbill.simulator.PartnerSimulator;
import io.tcbill.simulator.SimulatorConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tcbill demo}: one month end to end on embedded parts, then example queries with their answers. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {
            "Runs one month end to end with nothing to set up: starts the built-in Partner API simulator and an",
            "embedded S3-compatible store, keeps Batch metadata in an H2 file, loads the DuckDB file, then prints",
            "where everything is and runs three example queries. Everything goes under --data-dir."},
        footer = ExitCodes.HELP_FOOTER)
final class DemoCommand implements Callable<Integer> {

    @Option(names = "--month", converter = MonthConverter.class, paramLabel = "YYYY-MM",
            description = "Month to pull. Default: the latest month whose bills are final.")
    YearMonth month;

    @Option(names = "--data-dir", defaultValue = "data/demo", paramLabel = "DIR",
            description = "Where the demo keeps its DuckDB file, objects and metadata. Default: ${DEFAULT-VALUE}.")
    Path dataDir;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        YearMonth target = month != null ? month : BillCalendar.latestFinalMonth(Clock.systemUTC());
        Path dir = dataDir.toAbsolutePath().normalize();
        try (PartnerSimulator simulator = PartnerSimulator.start(SimulatorConfig.defaults())) {
            out.println("Partner API simulator: " + simulator.endpoint() + "; pulling " + target + " ...");
            out.flush();
            int exit = RunCommand.execute(target, List.of(), List.of(), overrides(simulator, dir), out, err);
            if (exit != ExitCodes.OK) {
                return exit;
            }
            DemoQueries.print(dir.resolve("tcbill.duckdb"), out);
            return ExitCodes.OK;
        }
    }

    private static Map<String, Object> overrides(PartnerSimulator simulator, Path dir) {
        return Map.ofEntries(
                Map.entry("tcbill.api.endpoint", simulator.endpoint().toString()),
                Map.entry("tcbill.api.secret-id", SimulatorConfig.DEMO_SECRET_ID),
                Map.entry("tcbill.api.secret-key", SimulatorConfig.DEMO_SECRET_KEY),
                Map.entry("tcbill.api.role", "reseller"),
                Map.entry("tcbill.download.allowed-hosts", "127.0.0.1"),
                Map.entry("tcbill.poll.initial-interval", "200ms"),
                Map.entry("tcbill.storage.endpoint", ""),
                Map.entry("tcbill.storage.embedded-dir", dir.resolve("objects").toString()),
                Map.entry("tcbill.duckdb.path", dir.resolve("tcbill.duckdb").toString()),
                Map.entry("spring.datasource.url", "jdbc:h2:file:" + dir.resolve("meta") + ";DB_CLOSE_ON_EXIT=FALSE"));
    }
}
