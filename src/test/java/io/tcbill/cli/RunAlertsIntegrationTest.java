package io.tcbill.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tcbill.IntegrationTest;
import io.tcbill.alert.WebhookReceiver;
import io.tcbill.app.SimulatorOverrides;
import io.tcbill.console.RunOutput;
import io.tcbill.feed.Role;
import io.tcbill.simulator.PartnerSimulator;
import io.tcbill.simulator.SimulatorConfig;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code tcbill run} against the simulator with a webhook on a real local receiver: the path every entry point takes
 * (run, backfill and the scheduler all pull through MonthPull) tells a failed feed, an unreconciled month and a
 * restatement once each across runs, and a receiver that is down leaves the run's exit code alone with one WARN.
 */
@IntegrationTest
class RunAlertsIntegrationTest {

    private static final YearMonth MONTH = YearMonth.of(2026, 4);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static PartnerSimulator simulator;

    private WebhookReceiver receiver;
    private String output = "";

    @BeforeAll
    static void startSimulator() {
        simulator = PartnerSimulator.start(SimulatorConfig.defaults().withCustomers(3, 1).withPollsBeforeReady(1));
    }

    @AfterAll
    static void stopSimulator() {
        simulator.close();
    }

    @BeforeEach
    void start() {
        receiver = WebhookReceiver.start();
    }

    @AfterEach
    void stop() {
        simulator.faults().reset();
        receiver.close();
    }

    @Test
    void aFailedFeedIsToldOnceAcrossTwoRunsAndEachRunKeepsItsExitCode(@TempDir Path dir) throws Exception {
        // given the l3 files never get ready
        simulator.faults().neverReady("l3");
        Map<String, Object> overrides = overrides(dir, receiver.url("/hook"));

        // when the month is run twice
        int first = run(List.of("l3"), overrides);
        int second = run(List.of("l3"), overrides);

        // then both runs failed as before, and the receiver was told once (by the time the command returned)
        assertThat(first).as(output).isEqualTo(ExitCodes.RUN_FAILED);
        assertThat(second).as(output).isEqualTo(ExitCodes.RUN_FAILED);
        assertThat(kinds()).containsExactly("FEED_FAILED");
        JsonNode alert = JSON.readTree(receiver.received().get(0).body());
        assertThat(alert.get("feed").asString()).isEqualTo("l3");
        assertThat(alert.get("month").asString()).isEqualTo(MONTH.toString());
        assertThat(alert.get("text").asString()).contains("not ready").doesNotContain("?");
    }

    @Test
    void anUnreconciledMonthAndARestatementAreToldOnceEach(@TempDir Path dir) throws Exception {
        // given a customer's summaries off by 5.00
        Long off = simulator.data().customerUins().get(0);
        simulator.faults().summaryMismatch(off, new BigDecimal("5.00"));
        Map<String, Object> overrides = overrides(dir, receiver.url("/hook"));

        // when the month is pulled, and pulled again after Tencent restated another customer (still unreconciled)
        assertThat(run(List.of("l3", "summaries"), overrides)).as(output).isEqualTo(ExitCodes.UNRECONCILED);
        simulator.data().restate("l3", MONTH, simulator.data().customerUins().get(1));
        assertThat(run(List.of("l3", "summaries"), overrides)).as(output).isEqualTo(ExitCodes.UNRECONCILED);

        // then one mismatch alert naming the customer (not repeated by the second pull), and one restatement
        assertThat(kinds()).containsExactly("MONTH_UNRECONCILED", "MONTH_RESTATED");
        assertThat(JSON.readTree(receiver.received().get(0).body()).get("text").asString())
                .contains("customer " + off + ": UNRECONCILED");
        assertThat(JSON.readTree(receiver.received().get(1).body()).get("text").asString())
                .contains("restated: 1 customer changed in bill_l3");
    }

    @Test
    void aReceiverThatIsDownDoesNotFailARunThatSucceedsAndIsOneWarn(@TempDir Path dir) {
        // given a month loaded once, then restated by Tencent (a customer with bills), and the only webhook down
        URI down = WebhookReceiver.down("/services/T1/B2/tokenThatMustNotBeLogged");
        Map<String, Object> overrides = overrides(dir, down);
        assertThat(run(List.of("l3"), overrides)).as(output).isEqualTo(ExitCodes.OK);
        simulator.data().restate("l3", MONTH, simulator.data().customerUins().get(1));

        // when the month is pulled again (a restatement to tell), its log lines captured as the console shows them
        // (each command's context re-initialises logback, so an appender added by the test would not stay)
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        PrintStream original = System.err; // tcbill logs to stderr
        System.setErr(new PrintStream(new Tee(original, console), true, StandardCharsets.UTF_8));
        int exit;
        try {
            exit = run(List.of("l3"), overrides);
        } finally {
            System.setErr(original);
        }

        // then the run succeeded as it would have, and the undelivered alert is one WARN naming only the host
        assertThat(exit).as(output).isEqualTo(ExitCodes.OK);
        List<String> warnings = console.toString(StandardCharsets.UTF_8).lines()
                .filter(line -> line.contains("WARN") && line.contains("i.t.alert")).toList();
        assertThat(warnings).singleElement().satisfies(line -> assertThat(line).contains("RESTATED")
                .contains("not delivered to http://127.0.0.1:" + down.getPort()).doesNotContain("token"));
    }

    private List<String> kinds() throws Exception {
        return receiver.received().stream().map(r -> JSON.readTree(r.body()).get("kind").asString()).toList();
    }

    private int run(List<String> feeds, Map<String, Object> overrides) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = RunCommand.execute(MONTH, feeds, List.of(), overrides,
                new RunOutput(new PrintWriter(out), new PrintWriter(err), null));
        output = out + "\n" + err;
        return exit;
    }

    private static Map<String, Object> overrides(Path dir, URI webhook) {
        Map<String, Object> overrides = SimulatorOverrides.of(simulator, dir, Role.RESELLER);
        overrides.put("tcbill.poll.initial-interval", "20ms");
        overrides.put("tcbill.poll.deadline", "1s");
        overrides.put("tcbill.alerts.webhooks[0].url", webhook.toString());
        overrides.put("tcbill.alerts.webhooks[0].format", "generic");
        overrides.put("tcbill.alerts.attempt-timeout", "1s");
        overrides.put("tcbill.alerts.max-attempts", "2");
        overrides.put("tcbill.alerts.initial-backoff", "100ms");
        return overrides;
    }

    /** Writes to both streams: the console keeps its output while the test reads it. */
    private static final class Tee extends OutputStream {
        private final OutputStream a;
        private final OutputStream b;

        Tee(OutputStream a, OutputStream b) {
            this.a = a;
            this.b = b;
        }

        @Override
        public synchronized void write(int c) throws java.io.IOException {
            a.write(c);
            b.write(c);
        }

        @Override
        public synchronized void write(byte[] bytes, int off, int len) throws java.io.IOException {
            a.write(bytes, off, len);
            b.write(bytes, off, len);
        }
    }
}
