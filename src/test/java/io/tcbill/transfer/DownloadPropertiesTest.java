package io.tcbill.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

class DownloadPropertiesTest {

    @Test
    void defaultsMatchTheDocumentedOnes() {
        DownloadProperties p = new DownloadProperties(null, null, null, null, 4);
        assertThat(p.allowedHosts()).containsExactly("*.myqcloud.com");
        assertThat(p.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(p.readTimeout()).isEqualTo(Duration.ofMinutes(5));
        assertThat(p.partSize().toBytes()).isEqualTo(8L * 1024 * 1024);
    }

    @Test
    void partsSmallerThanTheS3MinimumAreRefused() {
        assertThatThrownBy(() -> new DownloadProperties(List.of("h"), null, null, DataSize.ofMegabytes(4), 4))
                .hasMessageContaining("tcbill.download.part-size");
        assertThatThrownBy(() -> new DownloadProperties(List.of("h"), null, null, null, 0))
                .hasMessageContaining("tcbill.download.max-attempts");
    }
}
