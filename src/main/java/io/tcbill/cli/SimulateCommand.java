package io.tcbill.cli;

import io.tcbill.simulator.PartnerSimulator;
import io.tcbill.simulator.FileLayout;
import io.tcbill.simulator.SimulatorConfig;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tcbill simulate --port N}: the local Partner API simulator, until interrupted. */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = {
            "Serves a local Partner API simulator until Ctrl-C.",
            "",
            "The simulator speaks intlpartnersmgt 2022-09-28 with real TC3 signature checks, rate limits, Ready:0-then-1"
                    + " polling and expiring download links, over deterministic bill files. Point TCBILL_API_ENDPOINT"
                    + " at it and use the demo credentials it prints."},
        footer = ExitCodes.HELP_FOOTER)
final class SimulateCommand implements Callable<Integer> {

    @Option(names = "--port", defaultValue = "8080", description = "Port on 127.0.0.1 (0 picks a free one). Default: ${DEFAULT-VALUE}.")
    int port;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the generated bills. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--customers", defaultValue = "5", description = "Number of reseller customers. Default: ${DEFAULT-VALUE}.")
    int customers;

    @Option(names = "--distributor", defaultValue = "0", paramLabel = "N",
            description = "Serve a distributor: besides the customers, two second-level resellers with N customers each"
                    + " (pull them with TCBILL_API_CUSTOMER_TYPES=Customer,Reseller,ResellerCustomer). Default: ${DEFAULT-VALUE} (a reseller).")
    int distributor;
    @Option(names = "--file-layout", defaultValue = "2022", paramLabel = "2022|2024|auto",
            converter = FileConverters.Layout.class,
            description = "Columns of the bill files: 2022 (before Tencent's November 2024 bill upgrade), 2024 (after it)"
                    + " or auto (each month as Tencent writes it). Chinese files follow each request's FileLanguage."
                    + " Default: ${DEFAULT-VALUE}.")
    FileLayout fileLayout;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        if (port < 0 || port > 65535) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--port must be between 0 and 65535, was " + port);
        }
        if (customers < 0 || customers > 100_000) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--customers must be between 0 and 100000");
        }
        if (distributor < 0 || distributor > 10_000) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--distributor must be between 0 and 10000");
        }
        SimulatorConfig config = SimulatorConfig.defaults().withPort(port).withSeed(seed).withCustomers(customers, Math.min(1, customers))
                .withDistributor(distributor).withFileLayout(fileLayout);
        PrintWriter out = spec.commandLine().getOut();
        try (PartnerSimulator simulator = PartnerSimulator.start(config)) {
            out.println("Partner API simulator listening on " + simulator.endpoint());
            out.println("  export TCBILL_API_ENDPOINT=" + simulator.endpoint());
            out.println("  export TENCENTCLOUD_SECRET_ID=" + SimulatorConfig.DEMO_SECRET_ID);
            out.println("  export TENCENTCLOUD_SECRET_KEY=" + SimulatorConfig.DEMO_SECRET_KEY);
            out.println("  export TCBILL_DOWNLOAD_ALLOWED_HOSTS=127.0.0.1");
            if (distributor > 0) {
                out.println("  export TCBILL_API_CUSTOMER_TYPES=Customer,Reseller,ResellerCustomer");
            }
            out.println("Press Ctrl-C to stop.");
            out.flush();
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown));
            stopped.await();
        }
        return ExitCodes.OK;
    }
}
