package io.tcbill.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tcbill.IntegrationTest;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.exception.SdkClientException;

@IntegrationTest
class ObjectStorageIntegrationTest {

    @TempDir
    Path dir;

    @Test
    void emptyEndpointStartsTheEmbeddedStoreAndCreatesTheBucket() {
        // given no endpoint
        try (ObjectStorage storage = new ObjectStorage(StorageProperties.embedded(dir.resolve("objects")))) {
            // then the bucket exists on a loopback endpoint and objects round-trip
            assertThat(storage.endpoint().getHost()).isEqualTo("127.0.0.1");
            assertThat(storage.bucket()).isEqualTo("tcbill");
            storage.client().headBucket(b -> b.bucket("tcbill"));
            storage.client().putObject(b -> b.bucket("tcbill").key("raw/x.csv"), RequestBody.fromString("a,b\r\n"));
            assertThat(storage.client().getObjectAsBytes(b -> b.bucket("tcbill").key("raw/x.csv")).asUtf8String())
                    .isEqualTo("a,b\r\n");
            assertThat(dir.resolve("objects/tcbill")).isDirectory();
        }
    }

    @Test
    void restartKeepsObjectsAndUsesTheExistingBucket() {
        StorageProperties p = StorageProperties.embedded(dir);
        try (ObjectStorage first = new ObjectStorage(p)) {
            first.client().putObject(b -> b.bucket("tcbill").key("k"), RequestBody.fromString("kept"));
        }
        try (ObjectStorage second = new ObjectStorage(p)) {
            assertThat(second.client().getObjectAsBytes(b -> b.bucket("tcbill").key("k")).asUtf8String())
                    .isEqualTo("kept");
        }
    }

    @Test
    void closeStopsTheEmbeddedStore() {
        ObjectStorage storage = new ObjectStorage(StorageProperties.embedded(dir));
        var client = software.amazon.awssdk.services.s3.S3Client.builder()
                .endpointOverride(storage.endpoint()).forcePathStyle(true)
                .region(software.amazon.awssdk.regions.Region.US_EAST_1)
                .credentialsProvider(software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider.create())
                .build();
        storage.close();
        assertThatThrownBy(() -> client.listBuckets()).isInstanceOf(SdkClientException.class);
        client.close();
    }

    @Test
    void wrongKeysFailWithAClearMessageThatHidesTheSecret() {
        // given a running store and keys it does not know
        try (EmbeddedObjectStore store = EmbeddedObjectStore.start(dir)) {
            StorageProperties wrong = new StorageProperties(store.endpoint().toString(), "tcbill", "us-east-1",
                    "nobody", "not-the-secret-123", true, null);
            // when / then
            assertThatThrownBy(() -> new ObjectStorage(wrong))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("bucket tcbill at " + store.endpoint())
                    .hasMessageContaining("HTTP 403")
                    .hasMessageContaining("TCBILL_STORAGE_SECRET_KEY")
                    .message().doesNotContain("not-the-secret-123");
        }
    }

    @Test
    void aClosedPortAtStartUpIsOneLineNamingTheEndpointAndTheSetting() throws Exception {
        // given an endpoint on a loopback port nothing listens on
        int port;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        StorageProperties closed = new StorageProperties("http://127.0.0.1:" + port, "tcbill", "us-east-1", "a", "b",
                true, null);

        // when / then: the message is what a start-up failure shows (no cause: it is the innermost one)
        assertThatThrownBy(() -> new ObjectStorage(closed))
                .isInstanceOf(IllegalStateException.class)
                .hasNoCause()
                .hasMessageContaining("connection refused by 127.0.0.1:" + port)
                .hasMessageContaining("tcbill.storage.endpoint")
                .hasMessageContaining("TCBILL_STORAGE_ENDPOINT");
    }

    @Test
    void anUnknownHostAtStartUpIsNamedAsSuch() {
        StorageProperties unknown = new StorageProperties("https://objects.tcbill.invalid", "tcbill", "us-east-1", "a",
                "b", true, null);

        assertThatThrownBy(() -> new ObjectStorage(unknown))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("unknown host objects.tcbill.invalid")
                .hasMessageContaining("tcbill.storage.endpoint");
    }

    @Test
    void eachStartHasItsOwnRandomKeys() {
        try (EmbeddedObjectStore a = EmbeddedObjectStore.start(dir.resolve("a"));
             EmbeddedObjectStore b = EmbeddedObjectStore.start(dir.resolve("b"))) {
            assertThat(a.secretKey()).isNotEqualTo(b.secretKey()).hasSizeGreaterThanOrEqualTo(32);
            assertThat(a.accessKey()).isNotEqualTo(b.accessKey());
            assertThat(a.endpoint().getPort()).isNotEqualTo(b.endpoint().getPort());
        }
    }

    @Test
    void toStringRedactsTheSecretKey() {
        StorageProperties p = new StorageProperties("http://minio:9000", null, null, "AKIA1", "s3cr3t", true, null, true);
        assertThat(p.toString()).contains("AKIA1", "<redacted>", "bucket=tcbill", "region=us-east-1")
                .doesNotContain("s3cr3t");
    }
}
