package io.tcbill.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.YearMonth;
import java.util.HexFormat;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicReference;

import io.tcbill.storage.ObjectStorage;
import io.tcbill.storage.StorageProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/** The one big-file test: a download larger than the test JVM's heap (-Xmx256m) goes through without being held. */
class RawArchiverLargeFileIntegrationTest {

    private static final long SIZE = 300L * 1024 * 1024 + 12_345; // not a multiple of the part size
    private static final int BLOCK = 64 * 1024;

    @TempDir
    Path dir;

    @Test
    @Timeout(60)
    void fileLargerThanTheHeapIsStreamedAndVerified() throws Exception {
        // given a download host generating SIZE deterministic bytes, hashing them as it sends them
        assertThat(SIZE).isGreaterThan(Runtime.getRuntime().maxMemory());
        AtomicReference<String> sentSha = new AtomicReference<>();
        try (ObjectStorage storage = new ObjectStorage(StorageProperties.embedded(dir));
             DownloadServer server = new DownloadServer()) {
            server.route("/L3-big.csv", exchange -> {
                exchange.sendResponseHeaders(200, SIZE);
                sentSha.set(generate(exchange.getResponseBody()));
            });
            RawArchiver archiver = new RawArchiver(storage, DownloadProperties.allowing("127.0.0.1"));

            // when
            long started = System.nanoTime();
            RawObject raw = archiver.archive(new RawTarget("l3", YearMonth.of(2024, 5), null),
                    () -> server.url("/L3-big.csv?q-signature=x"));
            long archiveMillis = (System.nanoTime() - started) / 1_000_000;

            // then the object has the generated size and hash, in its metadata and in its bytes
            assertThat(raw.size()).isEqualTo(SIZE);
            assertThat(raw.sha256()).isEqualTo(sentSha.get());
            assertThat(archiver.describe(raw.key())).isEqualTo(raw);
            assertThat(storedSha(storage, raw.key())).isEqualTo(sentSha.get());
            assertThat(storage.client().listObjectsV2(b -> b.bucket("tcbill").prefix("tmp/")).contents()).isEmpty();
            assertThat(archiveMillis).as("archive time in ms").isLessThan(30_000);
        }
    }

    /** Writes SIZE bytes of seeded pseudo-random blocks, returning their SHA-256; never holds more than one block. */
    private static String generate(OutputStream out) throws java.io.IOException {
        MessageDigest sha = sha256();
        SplittableRandom random = new SplittableRandom(42);
        byte[] block = new byte[BLOCK];
        for (long left = SIZE; left > 0; left -= block.length) {
            for (int i = 0; i < block.length; i += 8) {
                long v = random.nextLong();
                for (int j = 0; j < 8; j++) {
                    block[i + j] = (byte) (v >>> (8 * j));
                }
            }
            int n = (int) Math.min(block.length, left);
            sha.update(block, 0, n);
            out.write(block, 0, n);
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    private static String storedSha(ObjectStorage storage, String key) throws java.io.IOException {
        MessageDigest sha = sha256();
        byte[] buffer = new byte[BLOCK];
        try (ResponseInputStream<GetObjectResponse> in = storage.client()
                .getObject(b -> b.bucket(storage.bucket()).key(key))) {
            for (int n; (n = ((InputStream) in).read(buffer)) > 0; ) {
                sha.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
