package io.tcbill;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The unit tier stays fast and offline: a test class whose source starts a server, a child JVM or a Spring context
 * carries {@link IntegrationTest}, which moves it to the integration tier. A convention checked on the source text (the
 * usual ways in, not every way): a new test that starts one of these without the tag fails here, naming what it uses.
 */
class TestTiersTest {

    /** What the source contains, and why that makes a test an integration test. */
    private static final Map<String, String> INTEGRATION_MARKS = Map.ofEntries(
            Map.entry("PartnerSimulator.start", "starts the Partner API simulator (an HTTP server)"),
            Map.entry("extends PipelineTestSupport", "shares the pipeline's Spring context"),
            Map.entry("@SpringBootTest", "starts a Spring context"),
            Map.entry("SpringApplicationBuilder", "starts a Spring context"),
            Map.entry("SpringContexts.start", "starts a Spring context"),
            Map.entry("new ServerSocket", "listens on a socket"),
            Map.entry("HttpServer.create", "listens on a socket"),
            Map.entry("FakePartnerServer", "listens on a socket"),
            Map.entry("DownloadServer", "listens on a socket"),
            Map.entry("RawHttpServer", "listens on a socket"),
            Map.entry("ObjectStorage.embedded", "starts the embedded S3 store"),
            Map.entry("EmbeddedObjectStore.start", "starts the embedded S3 store"),
            Map.entry("ChildRun.start", "starts a child JVM"),
            Map.entry("ProcessBuilder", "starts a process"),
            Map.entry("@Testcontainers", "starts containers"));

    @Test
    void everyTestClassThatStartsAServerAChildJvmOrASpringContextIsAnIntegrationTest() throws IOException {
        Path sources = Path.of("src", "test", "java");
        assertThat(sources).as("run from the project directory, as Maven does").isDirectory();
        List<String> untagged = new ArrayList<>();
        try (Stream<Path> files = Files.walk(sources)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String source = Files.readString(file);
                if (!isTestClass(source) || source.contains("@IntegrationTest")) {
                    continue;
                }
                INTEGRATION_MARKS.forEach((mark, why) -> {
                    if (source.contains(mark)) {
                        untagged.add(sources.relativize(file) + " " + why + " (" + mark + ")");
                    }
                });
            }
        }
        assertThat(untagged).as("test classes to annotate with @IntegrationTest").isEmpty();
    }

    private static boolean isTestClass(String source) {
        return (source.contains("@Test") || source.contains("@ParameterizedTest")) && !source.contains("abstract class");
    }
}
