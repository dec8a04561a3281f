package io.tcbill.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.tcbill.IntegrationTest;
import io.tcbill.storage.EmbeddedObjectStore;
import io.tcbill.storage.ObjectStorage;
import io.tcbill.storage.StorageProperties;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.YearMonth;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Object storage that goes away during a run is named: its host and port and {@code tcbill.storage.endpoint}
 * (was: "object storage unreachable while writing …: Unable to execute HTTP request: …").
 */
@IntegrationTest
class StorageUnreachableIntegrationTest {

    @TempDir
    Path dir;

    @Test
    void storageThatStopsDuringARunIsNamedWithItsEndpointAndSetting() throws Exception {
        // given storage configured by endpoint (as MinIO would be), reachable at start-up
        EmbeddedObjectStore store = EmbeddedObjectStore.start(dir.resolve("objects"));
        String endpoint = store.endpoint().toString();
        Path file = Files.writeString(dir.resolve("answers.ndjson"), "{}\n");
        try (ObjectStorage storage = new ObjectStorage(new StorageProperties(endpoint, "tcbill", "us-east-1",
                store.accessKey(), store.secretKey(), true, null))) {
            RawArchiver archiver = new RawArchiver(storage, DownloadProperties.allowing("127.0.0.1"),
                    Clock.systemUTC(), Duration.ofMillis(1));

            // when it stops before the file is written
            store.close();
            TransferException e = catchThrowableOfType(TransferException.class, () -> archiver.archiveFile(
                    new RawTarget("summaries", YearMonth.of(2026, 9), 800000425835L), "answers.ndjson", file));

            // then
            assertThat(e.isTransient()).isTrue();
            assertThat(e.getMessage()).contains("object storage is unreachable", "connection refused",
                    "127.0.0.1:" + store.endpoint().getPort(), "tcbill.storage.endpoint");
        }
    }
}
