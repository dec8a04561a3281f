package io.tcbill.partner;

import static org.assertj.core.api.Assertions.assertThat;

import io.tcbill.IntegrationTest;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/** Secrets can come from files (Docker or Kubernetes secrets) as well as from the environment, never from the jar. */
@IntegrationTest
class SecretFilesTest {

    @Configuration(proxyBeanMethods = false)
    static class Empty {
    }

    @Test
    void eachFileInTheSecretsDirectoryIsThePropertyItIsNamedAfter(@TempDir Path dir) throws Exception {
        // given secret files as Docker mounts them (a trailing line break included), one per naming style
        Files.writeString(dir.resolve("TENCENTCLOUD_SECRET_KEY"), "key-from-a-file\n");
        Files.writeString(dir.resolve("tcbill.storage.secret-key"), "storage-key-from-a-file\n");

        // when the application's own configuration is read with TCBILL_SECRETS_DIR pointing there
        System.setProperty("TCBILL_SECRETS_DIR", dir.toString());
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(Empty.class)
                .web(WebApplicationType.NONE).logStartupInfo(false).run()) {
            Environment environment = context.getEnvironment();

            // then both are there, without the line break
            assertThat(environment.getProperty("tcbill.api.secret-key")).isEqualTo("key-from-a-file");
            assertThat(environment.getProperty("tcbill.storage.secret-key")).isEqualTo("storage-key-from-a-file");
        } finally {
            System.clearProperty("TCBILL_SECRETS_DIR");
        }
    }
}
