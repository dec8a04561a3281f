package io.tcbill.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** A plain-http storage endpoint on a remote host is a configuration error before anything is fetched. */
class InsecureEndpointCommandTest {

    @TempDir
    Path dir;

    private Map<String, String> settings = Map.of();

    @AfterEach
    void clear() {
        settings.keySet().forEach(System::clearProperty);
    }

    @Test
    void runWithAPlainHttpStorageEndpointOnARemoteHostExitsWithAConfigurationError() {
        // given: storage over plain http to a host that is not loopback, without tcbill.storage.allow-insecure-http
        settings = Map.of(
                "tcbill.storage.endpoint", "http://storage.example.com:9000",
                "tcbill.duckdb.path", dir.resolve("tcbill.duckdb").toString(),
                "spring.datasource.url", "jdbc:h2:file:" + dir.resolve("meta") + ";DB_CLOSE_ON_EXIT=FALSE");
        settings.forEach(System::setProperty);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = TcbillCli.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));

        // when
        int exit = cli.execute("run", "--month", "2026-09", "--feed", "l3");

        // then: exit 3, naming the setting, the host and how to fix it; nothing ran
        assertThat(exit).as(out + "\n" + err).isEqualTo(ExitCodes.CONFIGURATION);
        assertThat(err.toString()).contains("tcbill.storage.endpoint uses plain http to storage.example.com")
                .contains("tcbill.storage.allow-insecure-http=true");
        assertThat(out.toString()).doesNotContain("l3 ");
    }
}
