package io.tcbill.cli;

import io.tcbill.app.SpringContexts;
import io.tcbill.app.StatusContext;
import io.tcbill.statuspage.StatusPage;
import io.tcbill.statuspage.StatusServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tcbill serve [--port N] [--address A]}: the status page alone, until Ctrl-C. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {
            "Serves the read-only status page until Ctrl-C.",
            "",
            "http://127.0.0.1:8082/status (schedule serves the same on its management port): a month x feed grid of the last 24 months (state, rows, rejected rows,"
                    + " reconciliation, restated, last run and its duration), a page per month (files, errors and"
                    + " reconciliation per customer, restatements), a trend of monthly totals, and the same as JSON"
                    + " under /status/api/ (grid, months/YYYY-MM, trend). It reads what 'status' reads (the metadata"
                    + " database, spring.datasource.*) and the DuckDB file read-only, never blocking a load; it changes"
                    + " nothing and starts no pull. Bound to loopback unless --address says otherwise: the page has no"
                    + " login.",
            "",
            "Configuration comes from environment variables, as for 'status' (see the README)."},
        footer = ExitCodes.HELP_FOOTER)
final class ServeCommand implements Callable<Integer> {

    @Option(names = "--port", defaultValue = "8082", paramLabel = "N",
            description = "Port to listen on (default ${DEFAULT-VALUE}; 0: any free port).")
    int port;

    @Option(names = "--address", defaultValue = "127.0.0.1", paramLabel = "A",
            description = "Address to listen on (default ${DEFAULT-VALUE}; 0.0.0.0: every interface).")
    String address;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final CountDownLatch stop = new CountDownLatch(1);

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (StatusContext context = StatusContext.openForServing(Map.of("logging.level.io.tcbill", "WARN"))) {
            StatusPage page = StatusPage.of(context.metadataSource(), context.batchTablePrefix(), context.feeds(),
                    context.role(), context.duckDb());
            try (StatusServer server = StatusServer.start(page, new InetSocketAddress(address, port))) {
                Thread hook = new Thread(stop::countDown, "tcbill-serve-shutdown");
                Runtime.getRuntime().addShutdownHook(hook);
                out.printf("Status page: http://%s:%d%s (read-only; Ctrl-C stops it)%n", host(address), server.port(),
                        StatusPage.ROOT);
                out.flush();
                stop.await();
                removeHook(hook);
            }
            return ExitCodes.OK;
        } catch (SpringContexts.StartupException e) {
            err.println("tcbill: " + e.getMessage());
            return ExitCodes.of(e);
        } catch (IOException e) {
            err.println("tcbill: cannot listen on " + address + ":" + port + ": " + e.getMessage());
            return ExitCodes.CONFIGURATION;
        }
    }

    /** Ends {@link #call()} as Ctrl-C does (for a caller in the same JVM: the browser test). */
    void stop() {
        stop.countDown();
    }

    private static String host(String address) {
        return address.contains(":") ? "[" + address + "]" : address;
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // shutting down: the hook is running
        }
    }
}
