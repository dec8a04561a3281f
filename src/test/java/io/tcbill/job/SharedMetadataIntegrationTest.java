package io.tcbill.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.tcbill.IntegrationTest;
import io.tcbill.cli.TcbillCli;
import io.tcbill.simulator.PartnerSimulator;
import io.tcbill.simulator.SimulatorConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Several processes on one machine with the default metadata (the H2 file {@code ./data/meta} of the working
 * directory): while a {@code run} holds it, {@code status}, {@code backfill --dry-run} and a run of another month work,
 * and a run of the same month and feed is refused naming the first. Used to end with exit 3 and "The file is locked".
 */
@IntegrationTest
class SharedMetadataIntegrationTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static PartnerSimulator simulator;

    @TempDir
    static Path dir;

    @BeforeAll
    static void start() {
        simulator = PartnerSimulator.start(SimulatorConfig.defaults().withCustomers(2, 1)
                .withRows(5, 5, 5, 5, 5).withPollsBeforeReady(0));
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    @Test
    void otherCommandsShareTheDefaultMetadataWhileARunHoldsItAndTheSameMonthIsRefusedNamingIt() throws Exception {
        // given: a run of 2026-06 l3 in another process, with the default metadata URL, paused while it holds the lock
        ChildRun first = ChildRun.start(dir, environment(), List.of("run", "--month", "2026-06", "--feed", "l3"),
                new ChildRun.Pause("archiveFiles", "STARTED", 1));
        first.awaitPause(TIMEOUT);
        try {
            // the process serving the file listens on loopback only (H2's own default is every interface)
            assertThat(listeningAddresses(serverPort())).as("H2 server sockets").isNotEmpty()
                    .allMatch(address -> address.equals("0100007F") || address.equals("0000000000000000FFFF00000100007F")
                            || address.equals("00000000000000000000000001000000"));
            // when: the same month and feed and another month run from two more processes at once
            ChildRun same = ChildRun.start(dir, environment(), List.of("run", "--month", "2026-06", "--feed", "l3"), null);
            ChildRun other = ChildRun.start(dir, environment(), List.of("run", "--month", "2026-05", "--feed", "l3"), null);
            // and status and a dry-run backfill from this one, on the same file (the default URL, in this directory)
            String[] status = execute("status");
            String[] dryRun = execute("backfill", "--from", "2026-04", "--to", "2026-06", "--feed", "l3", "--dry-run");

            // then
            assertThat(status[0]).as(status[1]).isEqualTo("0");
            assertThat(status[1]).doesNotContain("locked");
            assertThat(dryRun[0]).as(dryRun[1]).isEqualTo("0");
            assertThat(dryRun[1]).contains("2026-04").contains("dry run: nothing was changed");
            int refused = same.awaitExit(TIMEOUT);
            assertThat(refused).as(same.out() + same.log()).isEqualTo(1);
            assertThat(same.out()).contains("already running on").contains("pid " + first.pid());
            int otherMonth = other.awaitExit(TIMEOUT);
            assertThat(otherMonth).as(other.out() + other.log()).isZero();
            assertThat(other.out()).contains("2026-05").contains("OK");
        } finally {
            first.kill();
        }
    }

    @Test
    void anUnreachableMetadataDatabaseIsOneLineWithItsOwnExitCode() throws Exception {
        // given: PostgreSQL on a port nobody listens on
        Map<String, String> environment = environment();
        environment.put("SPRING_DATASOURCE_URL", "jdbc:postgresql://127.0.0.1:1/tcbill?password=not-shown");

        // when
        ChildRun status = ChildRun.start(dir, environment, List.of("status"), null);
        int exit = status.awaitExit(TIMEOUT);

        // then: exit 5, one line naming the database (not its password), no stack trace
        assertThat(exit).as(status.out() + status.log()).isEqualTo(5);
        assertThat(status.log().lines()).as(status.log()).singleElement().asString()
                .startsWith("tcbill: the metadata database jdbc:postgresql://127.0.0.1:1/tcbill cannot be reached")
                .contains("127.0.0.1:1").doesNotContain("not-shown");
        assertThat(status.out()).isEmpty();
    }

    /** The TCP port the H2 file's serving process wrote into its lock file. */
    private int serverPort() throws IOException {
        String lock = Files.readString(dir.resolve("data/meta.lock.db"), StandardCharsets.ISO_8859_1);
        Matcher server = Pattern.compile("server=[^\\n]*?:(\\d+)").matcher(lock.replace("\\:", ":"));
        assertThat(server.find()).as(lock).isTrue();
        return Integer.parseInt(server.group(1));
    }

    /** The local addresses (hex, as /proc/net/tcp and tcp6 show them) of the sockets listening on {@code port}. */
    private static List<String> listeningAddresses(int port) throws IOException {
        List<String> addresses = new ArrayList<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            Path file = Path.of(table);
            if (!Files.exists(file)) {
                continue;
            }
            List<String> lines = Files.readAllLines(file);
            for (String line : lines.subList(1, lines.size())) {
                String[] fields = line.trim().split("\\s+");
                String[] local = fields[1].split(":");
                if (fields[3].equals("0A") && Integer.parseInt(local[1], 16) == port) {
                    addresses.add(local[0]);
                }
            }
        }
        return addresses;
    }

    /** The command in this JVM with the default metadata URL, its relative path resolved in the test's directory. */
    private static String[] execute(String... args) throws IOException {
        Map<String, String> settings = new HashMap<>();
        settings.put("spring.datasource.url", defaultUrl().replace("./data/meta", dir.resolve("data/meta").toString()));
        settings.put("tcbill.duckdb.path", dir.resolve("status.duckdb").toString());
        settings.put("tcbill.storage.embedded-dir", dir.resolve("objects").toString());
        settings.put("tcbill.api.role", "reseller");
        settings.forEach(System::setProperty);
        try {
            StringWriter out = new StringWriter();
            CommandLine cli = TcbillCli.commandLine();
            cli.setOut(new PrintWriter(out));
            cli.setErr(new PrintWriter(out));
            int exit = cli.execute(args);
            return new String[] {String.valueOf(exit), out.toString()};
        } finally {
            settings.keySet().forEach(System::clearProperty);
        }
    }

    private static String defaultUrl() throws IOException {
        Properties properties = new Properties();
        try (InputStream in = TcbillCli.class.getResourceAsStream("/application.properties")) {
            properties.load(in);
        }
        String url = properties.getProperty("spring.datasource.url");
        assertThat(url).startsWith("jdbc:h2:file:./data/meta");
        return url;
    }

    /** The simulator and the files of this test; no SPRING_DATASOURCE_URL: the default, relative to the directory. */
    private static Map<String, String> environment() {
        Map<String, String> environment = new HashMap<>();
        environment.put("TCBILL_API_ENDPOINT", simulator.endpoint().toString());
        environment.put("TENCENTCLOUD_SECRET_ID", SimulatorConfig.DEMO_SECRET_ID);
        environment.put("TENCENTCLOUD_SECRET_KEY", SimulatorConfig.DEMO_SECRET_KEY);
        environment.put("TCBILL_API_ROLE", "reseller");
        environment.put("TCBILL_API_INITIAL_BACKOFF", "50ms");
        environment.put("TCBILL_DOWNLOAD_ALLOWED_HOSTS", "127.0.0.1");
        environment.put("TCBILL_POLL_INITIAL_INTERVAL", "20ms");
        environment.put("TCBILL_STORAGE_ENDPOINT", "");
        environment.put("TCBILL_STORAGE_EMBEDDED_DIR", dir.resolve("objects").toString());
        environment.put("TCBILL_DUCKDB_PATH", dir.resolve("tcbill.duckdb").toString());
        return environment;
    }
}
