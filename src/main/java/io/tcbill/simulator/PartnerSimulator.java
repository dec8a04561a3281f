package io.tcbill.simulator;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * A running Partner API simulator on 127.0.0.1: {@code POST /} answers the API, {@code GET /cos/...} serves the files
 * behind its download links. Start one per test or per {@code tcbill simulate}; close it to free the port.
 */
public final class PartnerSimulator implements AutoCloseable {

    private static final int THREADS = 16;

    private final HttpServer server;
    private final ExecutorService executor;
    private final URI endpoint;
    private final SimulatorFaults faults;
    private final SimulatorStats stats;
    private final BillData data;

    private PartnerSimulator(HttpServer server, ExecutorService executor, SimulatorFaults faults, SimulatorStats stats,
                             BillData data) {
        this.server = server;
        this.executor = executor;
        this.endpoint = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        this.faults = faults;
        this.stats = stats;
        this.data = data;
    }

    /**
     * Binds the port (0 = any free one), generates nothing yet, and starts answering.
     *
     * @throws IllegalArgumentException if a rate limit is configured for an action the simulator does not serve
     */
    public static PartnerSimulator start(SimulatorConfig config) {
        BillData data = new BillData(config);
        SimulatorFaults faults = new SimulatorFaults();
        SimulatorStats stats = new SimulatorStats();
        DownloadLinks links = new DownloadLinks(data, config.clock(), config.linkTtl());
        FileDelivery delivery = new FileDelivery(links, faults, config.pollsBeforeReady());
        BillMonths months = new BillMonths(config.clock(), config.latestFinalMonth());
        List<ApiAction> actions = new ArrayList<>(new DownloadUrlActions(data, months, delivery).actions());
        actions.add(new CustomerUinAction(data, faults).action());
        actions.addAll(new DistributorActions(data).actions());
        actions.addAll(new SummaryActions(data, months, faults).actions());
        actions.addAll(new VoucherActions(data, months).actions());
        actions = withConfiguredLimits(actions, config);

        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), config.port()), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind the partner simulator to 127.0.0.1:" + config.port(), e);
        }
        ExecutorService executor = Executors.newFixedThreadPool(THREADS, daemonThreads());
        PartnerSimulator simulator = new PartnerSimulator(server, executor, faults, stats, data);
        links.bind(simulator.endpoint);
        server.createContext("/", new ApiEndpoint(new ApiAuthenticator(config.credentials(), config.clock()), actions, faults, stats));
        server.createContext(DownloadLinks.PATH_PREFIX, new DownloadHandler(links, data, faults, stats));
        server.setExecutor(executor);
        server.start();
        return simulator;
    }

    /** {@code http://127.0.0.1:PORT}; the API is {@code POST /} there. */
    public URI endpoint() {
        return endpoint;
    }

    public int port() {
        return endpoint.getPort();
    }

    /** Faults to switch on and off while running. */
    public SimulatorFaults faults() {
        return faults;
    }

    public SimulatorStats stats() {
        return stats;
    }

    /** The data set served: customers, file contents and what each file must add up to. */
    public BillData data() {
        return data;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private static List<ApiAction> withConfiguredLimits(List<ApiAction> actions, SimulatorConfig config) {
        Set<String> names = actions.stream().map(ApiAction::name).collect(Collectors.toSet());
        for (String action : config.rateLimits().keySet()) {
            if (!names.contains(action)) {
                throw new IllegalArgumentException("a rate limit is configured for `" + action + "`, which the simulator does not serve");
            }
        }
        return actions.stream().map(a -> a.withRequestsPerSecond(config.rateLimit(a.name(), a.requestsPerSecond()))).toList();
    }

    private static java.util.concurrent.ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "partner-simulator-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
