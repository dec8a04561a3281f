package io.tcbill.cli;

import io.tcbill.feed.Role;
import io.tcbill.app.SimulatorOverrides;
import io.tcbill.console.DemoQueries;
import io.tcbill.console.RunOutput;
import io.tcbill.run.BillCalendar;
import io.tcbill.simulator.PartnerSimulator;
import io.tcbill.partner.FileLanguage;
import io.tcbill.simulator.FileLayout;
import io.tcbill.simulator.SimulatorConfig;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tcbill demo}: one month end to end on embedded parts, then example queries with their answers. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {
            "Runs one month end to end with nothing to set up.",
            "",
            "Starts the built-in Partner API simulator and an embedded S3-compatible store, keeps Batch metadata in an"
                    + " H2 file, loads the DuckDB file, then prints where everything is and runs three example"
                    + " queries. Everything goes under --data-dir."},
        footer = ExitCodes.HELP_FOOTER)
final class DemoCommand implements Callable<Integer> {

    @Option(names = "--month", converter = MonthConverter.class, paramLabel = "YYYY-MM",
            description = "Month to pull. Default: the latest month whose bills are final.")
    YearMonth month;

    @Option(names = "--data-dir", defaultValue = "data/demo", paramLabel = "DIR",
            description = "Where the demo keeps its DuckDB file, objects and metadata. Default: ${DEFAULT-VALUE}.")
    Path dataDir;

    @Option(names = "--file-layout", defaultValue = "2022", paramLabel = "2022|2024|auto",
            converter = FileConverters.Layout.class,
            description = "Columns of the simulator's bill files: 2022, 2024 or auto (by month). Default: ${DEFAULT-VALUE}.")
    FileLayout fileLayout;

    @Option(names = "--file-language", defaultValue = "en", paramLabel = "en|zh_cn", converter = FileConverters.Language.class,
            description = "Language of the customer bill files asked for (tcbill.api.file-language). Default: ${DEFAULT-VALUE}.")
    FileLanguage fileLanguage;

    @CommandLine.Mixin
    ProgressOption progress;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        YearMonth latestFinal = BillCalendar.latestFinalMonth(Clock.systemUTC());
        YearMonth target = month != null ? month : latestFinal;
        if (target.isAfter(latestFinal)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--month " + target + " is not final yet; the"
                    + " simulator serves final months only, the latest is " + latestFinal);
        }
        Path dir = dataDir.toAbsolutePath().normalize();
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--data-dir " + dir + " is a file, not a directory");
        }
        try (PartnerSimulator simulator = PartnerSimulator.start(SimulatorConfig.defaults().withFileLayout(fileLayout))) {
            out.println("Partner API simulator: " + simulator.endpoint() + "; pulling " + target + " ...");
            out.flush();
            Map<String, Object> overrides = new HashMap<>(SimulatorOverrides.of(simulator, dir, Role.RESELLER));
            overrides.put("tcbill.api.file-language", fileLanguage.code());
            int exit = RunCommand.execute(target, List.of(), List.of(), overrides,
                    new RunOutput(out, err, progress.bars()));
            if (exit != ExitCodes.OK) {
                return exit;
            }
            DemoQueries.print(dir.resolve("tcbill.duckdb"), out);
            return ExitCodes.OK;
        }
    }

}
