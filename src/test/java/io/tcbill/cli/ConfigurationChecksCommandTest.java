package io.tcbill.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tcbill.IntegrationTest;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * What only the configuration can tell, checked as soon as the context starts and before anything is fetched: an
 * insecure or unreachable endpoint and a missing API key (exit 3), and arguments the configured role cannot serve
 * (exit 2).
 */
@IntegrationTest
class ConfigurationChecksCommandTest {

    @TempDir
    Path dir;

    private final Map<String, String> settings = new HashMap<>();
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @AfterEach
    void clear() {
        settings.keySet().forEach(System::clearProperty);
    }

    private int execute(Map<String, String> configuration, String... args) {
        // configuration as a user gives it (system properties read like environment variables), files in a temp dir
        settings.put("tcbill.duckdb.path", dir.resolve("tcbill.duckdb").toString());
        settings.put("tcbill.storage.embedded-dir", dir.resolve("objects").toString());
        settings.put("spring.datasource.url", "jdbc:h2:file:" + dir.resolve("meta") + ";DB_CLOSE_ON_EXIT=FALSE");
        settings.put("tcbill.api.secret-id", "AKIDsomeId");
        settings.put("tcbill.api.secret-key", "someKey");
        settings.putAll(configuration);
        settings.forEach(System::setProperty);
        CommandLine cli = TcbillCli.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
    }

    @Test
    void runWithAPlainHttpStorageEndpointOnARemoteHostExitsWithAConfigurationError() {
        // given: storage over plain http to a host that is not loopback, without tcbill.storage.allow-insecure-http
        Map<String, String> insecure = Map.of("tcbill.storage.endpoint", "http://storage.example.com:9000");

        // when
        int exit = execute(insecure, "run", "--month", "2026-09", "--feed", "l3");

        // then: exit 3, naming the setting, the host and how to fix it; nothing ran
        assertThat(exit).as(out + "\n" + err).isEqualTo(ExitCodes.CONFIGURATION);
        assertThat(err.toString()).contains("tcbill.storage.endpoint uses plain http to storage.example.com")
                .contains("tcbill.storage.allow-insecure-http=true");
        assertThat(out.toString()).doesNotContain("l3 ");
    }

    @Test
    void runWithoutTheApiKeyExitsWithAConfigurationErrorNamingTheVariable() {
        // given no secret key (and no secret files), but a secret id
        Map<String, String> noKey = Map.of("tcbill.api.secret-key", "",
                "TCBILL_SECRETS_DIR", dir.resolve("no-secrets").toString());

        // when (was: exit 1, a FAILED run and a stack trace)
        int exit = execute(noKey, "run", "--month", "2026-09", "--feed", "l3");

        // then: exit 3, one line naming the variable to set; nothing ran
        assertThat(exit).as(out + "\n" + err).isEqualTo(ExitCodes.CONFIGURATION);
        assertThat(err.toString()).contains("TENCENTCLOUD_SECRET_KEY").doesNotContain("AKIDsomeId")
                .doesNotContain("\tat ");
        assertThat(err.toString().strip().lines()).hasSize(1);
        assertThat(out.toString()).doesNotContain("l3 ");
    }

    @Test
    void aDryRunBackfillNeedsNoApiKey() {
        Map<String, String> noKeys = Map.of("tcbill.api.secret-id", "", "tcbill.api.secret-key", "",
                "TCBILL_SECRETS_DIR", dir.resolve("no-secrets").toString());

        int exit = execute(noKeys, "backfill", "--from", "2026-08", "--to", "2026-09", "--feed", "l3", "--dry-run");

        assertThat(exit).as(out + "\n" + err).isEqualTo(ExitCodes.OK);
    }

    @Test
    void runWithStorageUnreachableAtStartUpExitsWithAConfigurationErrorNamingTheEndpoint() throws Exception {
        int port;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        Map<String, String> closed = Map.of("tcbill.storage.endpoint", "http://127.0.0.1:" + port,
                "tcbill.storage.access-key", "a", "tcbill.storage.secret-key", "b");

        int exit = execute(closed, "run", "--month", "2026-09", "--feed", "l3");

        assertThat(exit).as(out + "\n" + err).isEqualTo(ExitCodes.CONFIGURATION);
        assertThat(err.toString()).contains("127.0.0.1:" + port, "tcbill.storage.endpoint").doesNotContain("\tat ");
        assertThat(err.toString().strip().lines()).hasSize(1);
    }

    @Test
    void customersNeedTheResellerRole() {
        int exit = execute(Map.of("tcbill.api.role", "customer"), "run", "--month", "2026-09", "--customer", "800000425835");

        assertThat(exit).as(out + "\n" + err).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("--customer needs tcbill.api.role=reseller (now customer)");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void aPerCustomerFeedNeedsTheResellerRole() {
        int exit = execute(Map.of("tcbill.api.role", "customer"), "backfill", "--from", "2026-08", "--to", "2026-09",
                "--feed", "l3,summaries");

        assertThat(exit).as(out + "\n" + err).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("feed summaries is pulled per customer and needs tcbill.api.role=reseller")
                .contains("can pull: commission, l2, l3");
    }
}
