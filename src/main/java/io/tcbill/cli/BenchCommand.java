package io.tcbill.cli;

import io.tcbill.bench.BenchFigure;
import io.tcbill.bench.EndToEndBench;
import io.tcbill.bench.FanOut;
import io.tcbill.bench.LoadBench;
import io.tcbill.bench.StatusBench;
import io.tcbill.bench.TransferBench;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code tcbill bench}: measures against baselines taken in the same run, on this machine. Figures are printed, never
 * asserted; the README says how to read them.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {
            "Measures throughput and memory against same-run baselines.",
            "",
            "Runs against the built-in simulator and prints each figure as a ratio to its baseline:",
            "  fanout:   time to fetch a reseller month's files (--feeds) / the",
            "            time the documented rate limits alone impose (targets:",
            "            l3 <= 1.2, summaries <= 1.05), and each feed's peak heap",
            "            and peak RSS (DuckDB and the simulator included)",
            "  transfer: archiving a large L3 file / a plain streaming copy of the",
            "            same link (target >= 0.8)",
            "  load:     the load stage / DuckDB's own read_csv of the same CSV",
            "            into an untyped table (target >= 0.8)",
            "  e2e:      one large L3 file end to end: rows/s, MB/s, peak heap, RSS",
            "  status:   java -jar tcbill.jar status on the metadata of 36 months x 5",
            "            feeds x 2,000 customers (a partition step each), on H2 and on",
            "            PostgreSQL when one answers at 127.0.0.1:5432 / --version",
            "            (target: under 2 s)",
            "",
            "Run it as java -Xmx256m -jar tcbill.jar bench to check the memory bound."},
        footer = ExitCodes.HELP_FOOTER)
final class BenchCommand implements Callable<Integer> {

    enum Part { fanout, transfer, load, e2e, status }

    @Option(names = "--customers", defaultValue = "60", description = "Reseller customers in the fan-out run. Default: ${DEFAULT-VALUE}.")
    int customers;

    @Option(names = "--feeds", split = ",", paramLabel = "FEED", defaultValue = "l3,summaries",
            description = "Feeds of the fan-out run, in order: l3, summaries or both. Default: ${DEFAULT-VALUE}.")
    List<String> feeds;

    @Option(names = "--rows", defaultValue = "2000000", description = "Rows of the large L3 file. Default: ${DEFAULT-VALUE}.")
    int rows;

    @Option(names = "--only", split = ",", paramLabel = "PART", description = "Only these parts: ${COMPLETION-CANDIDATES}.")
    EnumSet<Part> only = EnumSet.allOf(Part.class);

    @Option(names = "--json", description = "Print the figures as one JSON object instead of a table.")
    boolean json;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (customers < 1 || customers > 5000) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--customers must be between 1 and 5000");
        }
        if (rows < 1000 || rows > 50_000_000) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--rows must be between 1000 and 50000000");
        }
        if (feeds.isEmpty() || !List.of("l3", "summaries").containsAll(feeds)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--feeds takes l3, summaries or both, not " + feeds);
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter progress = spec.commandLine().getErr();
        Path dir = Files.createTempDirectory("tcbill-bench-");
        List<BenchFigure> figures = new ArrayList<>();
        try {
            if (only.contains(Part.fanout)) {
                figures.addAll(FanOut.run(dir.resolve("fanout"), customers, feeds, progress));
            }
            if (only.contains(Part.transfer)) {
                figures.add(TransferBench.run(dir.resolve("transfer"), rows, progress));
            }
            if (only.contains(Part.load)) {
                figures.addAll(LoadBench.run(dir.resolve("load"), rows, progress));
            }
            if (only.contains(Part.e2e)) {
                figures.addAll(EndToEndBench.run(dir.resolve("e2e"), rows, progress));
            }
            if (only.contains(Part.status)) {
                figures.addAll(StatusBench.run(dir.resolve("status"), progress));
            }
        } finally {
            FanOut.deleteTree(dir);
        }
        out.println(json ? BenchFigure.json(figures) : BenchFigure.table(figures));
        out.flush();
        return ExitCodes.OK;
    }
}
