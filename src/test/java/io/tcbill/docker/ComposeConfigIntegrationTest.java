package io.tcbill.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.tcbill.IntegrationTest;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * docker/compose.yaml validated by Docker's own client, {@code docker compose config} (or {@code docker-compose}),
 * with every profile and placeholder values for the variables it requires. Skipped where neither client is
 * installed; ComposeFileTest checks the same file without Docker.
 */
@IntegrationTest
class ComposeConfigIntegrationTest {

    @Test
    void dockerComposeAcceptsTheFileWithEveryProfile() throws Exception {
        // given a compose client
        List<String> client = client();
        assumeTrue(client != null, "neither 'docker compose' (the compose plugin) nor 'docker-compose' is installed");

        // when it validates the file, the monitoring profile included
        List<String> command = new ArrayList<>(client);
        command.addAll(List.of("-f", "docker/compose.yaml", "--profile", "monitoring", "config", "--quiet"));
        Result result = run(command, Map.of("TENCENTCLOUD_SECRET_ID", "placeholder-id", "TENCENTCLOUD_SECRET_KEY",
                "placeholder-key", "MINIO_ROOT_USER", "tcbill", "MINIO_ROOT_PASSWORD", "placeholder-password",
                "POSTGRES_PASSWORD", "placeholder-password"));

        // then
        assertThat(result.exit()).as("%s: %s", String.join(" ", command), result.output()).isZero();
    }

    /** {@code docker compose} when the plugin answers, else {@code docker-compose}, else null. */
    private static List<String> client() throws InterruptedException {
        for (List<String> candidate : List.of(List.of("docker", "compose"), List.of("docker-compose"))) {
            if (!PrometheusRulesIntegrationTest.onPath(candidate.get(0))) {
                continue;
            }
            List<String> version = new ArrayList<>(candidate);
            version.add("version");
            try {
                if (run(version, Map.of()).exit() == 0) {
                    return candidate;
                }
            } catch (IOException e) {
                // not runnable: try the next
            }
        }
        return null;
    }

    private static Result run(List<String> command, Map<String, String> environment) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(new File(".")).redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process process = builder.start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(1, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            return new Result(-1, "timed out: " + output);
        }
        return new Result(process.exitValue(), output);
    }

    private record Result(int exit, String output) {
    }
}
