package io.tcbill.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.util.unit.DataSize;

class DownloadPropertiesTest {

    @Test
    void defaultsMatchTheDocumentedOnes() {
        DownloadProperties p = new DownloadProperties(null, null, null, null, 4);
        assertThat(p.allowedHosts()).containsExactly("*.myqcloud.com");
        assertThat(p.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(p.readTimeout()).isEqualTo(Duration.ofMinutes(5));
        assertThat(p.partSize().toBytes()).isEqualTo(8L * 1024 * 1024);
        assertThat(p.orphanedUploadAge()).isEqualTo(Duration.ofHours(24));
        assertThat(p.allowInsecureHttp()).isFalse();
        assertThat(p.linkDeadline()).isEqualTo(Duration.ofMinutes(50));
    }

    @Test
    void linkDeadlineBindsAndMustStayInsideTheLinksHour() {
        Binder binder = new Binder(new MapConfigurationPropertySource(Map.of("tcbill.download.link-deadline", "20m")));
        assertThat(binder.bindOrCreate("tcbill.download", DownloadProperties.class).linkDeadline())
                .isEqualTo(Duration.ofMinutes(20));
        assertThatThrownBy(() -> new DownloadProperties(List.of("h"), null, null, null, 4, null, false,
                Duration.ofMinutes(61))).hasMessageContaining("tcbill.download.link-deadline");
        assertThatThrownBy(() -> new DownloadProperties(List.of("h"), null, null, null, 4, null, false, Duration.ZERO))
                .hasMessageContaining("tcbill.download.link-deadline");
    }

    @Test
    void springBindsTheKebabCaseKeysWithTheDefaultsForTheRest() {
        Binder binder = new Binder(new MapConfigurationPropertySource(Map.of(
                "tcbill.download.max-attempts", "6", "tcbill.download.orphaned-upload-age", "36h",
                "tcbill.download.allowed-hosts", "a.example.com,*.myqcloud.com",
                "tcbill.download.allow-insecure-http", "true")));

        DownloadProperties p = binder.bindOrCreate("tcbill.download", DownloadProperties.class);

        assertThat(p.maxAttempts()).isEqualTo(6);
        assertThat(p.orphanedUploadAge()).isEqualTo(Duration.ofHours(36));
        assertThat(p.allowedHosts()).containsExactly("a.example.com", "*.myqcloud.com");
        assertThat(p.partSize()).isEqualTo(DataSize.ofMegabytes(8));
        assertThat(p.allowInsecureHttp()).isTrue();
    }

    @Test
    void anOrphanAgeShorterThanAnHourIsRefused() {
        assertThatThrownBy(() -> new DownloadProperties(List.of("h"), null, null, null, 4, Duration.ofMinutes(30)))
                .hasMessageContaining("tcbill.download.orphaned-upload-age");
    }

    @Test
    void partsSmallerThanTheS3MinimumAreRefused() {
        assertThatThrownBy(() -> new DownloadProperties(List.of("h"), null, null, DataSize.ofMegabytes(4), 4))
                .hasMessageContaining("tcbill.download.part-size");
        assertThatThrownBy(() -> new DownloadProperties(List.of("h"), null, null, null, 0))
                .hasMessageContaining("tcbill.download.max-attempts");
    }
}
