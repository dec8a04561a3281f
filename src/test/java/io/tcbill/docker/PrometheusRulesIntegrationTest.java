package io.tcbill.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.tcbill.IntegrationTest;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Prometheus files as Prometheus's own tool reads them: {@code promtool check rules} and {@code check config}
 * accept them, and {@code promtool test rules} passes every rule's tests (a series that fires it and one that does
 * not, see AlertRulesTest). Needs promtool (Debian's {@code prometheus} package, which .ci/run installs).
 */
@IntegrationTest
class PrometheusRulesIntegrationTest {

    private static final File DIR = Path.of("docker/prometheus").toFile();

    @BeforeAll
    static void promtool() {
        assumeTrue(onPath("promtool"), "promtool is not installed (Debian: apt-get install prometheus; .ci/run does)");
    }

    @Test
    void promtoolAcceptsTheRulesAndTheConfiguration() throws Exception {
        assertThat(promtool("check", "rules", "alerts.yml")).contains("SUCCESS: "
                + MonitoringMetrics.alertExpressions().size() + " rules found");
        assertThat(promtool("check", "config", "prometheus.yml")).contains("is valid prometheus config file");
    }

    @Test
    void promtoolPassesTheTestsOfEveryRule() throws Exception {
        assertThat(promtool("test", "rules", "alerts.test.yml")).contains("SUCCESS");
    }

    /** Runs promtool in docker/prometheus and returns its output; fails the test on a non-zero exit. */
    private static String promtool(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("promtool"));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).directory(DIR).redirectErrorStream(true).start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).as("promtool %s finished", command).isTrue();
        assertThat(process.exitValue()).as("promtool %s exit code; its output:%n%s", String.join(" ", arguments), output)
                .isZero();
        return output;
    }

    static boolean onPath(String tool) {
        String path = System.getenv("PATH");
        return path != null && java.util.Arrays.stream(path.split(File.pathSeparator))
                .anyMatch(dir -> new File(dir, tool).canExecute());
    }
}
