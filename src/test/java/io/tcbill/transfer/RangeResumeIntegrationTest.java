package io.tcbill.transfer;

import static io.tcbill.transfer.RawArchiverIntegrationTest.sha256;
import static io.tcbill.transfer.RawArchiverIntegrationTest.storedSha256;
import static org.assertj.core.api.Assertions.assertThat;

import io.tcbill.IntegrationTest;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.YearMonth;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import io.tcbill.storage.ObjectStorage;
import io.tcbill.storage.StorageProperties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.model.S3Object;

/** Download hosts that answer a resume badly: the transfer restarts from byte 0 rather than splice other bytes. */
@IntegrationTest
class RangeResumeIntegrationTest {

    private static final RawTarget TARGET = new RawTarget("l3", YearMonth.of(2024, 5), null);
    private static final int SIZE = 20 * 1024 * 1024 + 321;
    private static final int CUT = 10 * 1024 * 1024; // one 8 MiB part uploaded, 2 MiB buffered

    @TempDir
    Path dir;

    private final byte[] file = new byte[SIZE];
    private final List<String> ranges = new CopyOnWriteArrayList<>();
    private final AtomicInteger served = new AtomicInteger();
    private ObjectStorage storage;
    private DownloadServer server;

    @BeforeEach
    void start() throws Exception {
        new SplittableRandom(7).nextBytes(file);
        storage = new ObjectStorage(StorageProperties.embedded(dir));
        server = new DownloadServer();
    }

    @AfterEach
    void stop() {
        server.close();
        storage.close();
    }

    @Test
    void serverIgnoringRangeRestartsTheObjectFromByteZero() {
        // given a host that cuts the first response and answers the resume with the whole file (200)
        server.route("/L3.csv", exchange -> {
            ranges.add(String.valueOf(exchange.getRequestHeaders().getFirst("Range")));
            send(exchange, 200, 0, served.getAndIncrement() == 0 ? CUT : SIZE, null);
        });

        // when
        List<Long> progress = new CopyOnWriteArrayList<>();
        RawObject raw = archiver().archive(TARGET, () -> server.url("/L3.csv?q-signature=s"), progress::add);

        // then
        assertThat(ranges).hasSize(2).first().isEqualTo("null");
        // bytes so far after each full part, back to 0 at the restart, then up again (8 MiB parts)
        assertThat(progress).containsSubsequence(8L << 20, 0L, 8L << 20, 16L << 20).allMatch(n -> n <= SIZE);
        assertThat(ranges.get(1)).matches("bytes=\\d+-");
        assertThat(raw.size()).isEqualTo(SIZE);
        assertThat(raw.sha256()).isEqualTo(sha256(file));
        assertThat(storedSha256(storage.client(), "tcbill", raw.key())).isEqualTo(sha256(file));
        assertNothingStaged();
    }

    @Test
    void partialContentForOtherBytesIsNotSplicedOn() {
        // given a host whose resume answers 206 from byte 1000, whatever was asked for
        server.route("/L3.csv", exchange -> {
            String range = exchange.getRequestHeaders().getFirst("Range");
            ranges.add(String.valueOf(range));
            int n = served.getAndIncrement();
            if (range == null) {
                send(exchange, 200, 0, n == 0 ? CUT : SIZE, null);
            } else {
                send(exchange, 206, 1000, SIZE, "bytes 1000-" + (SIZE - 1) + "/" + SIZE);
            }
        });

        // when
        RawObject raw = archiver().archive(TARGET, () -> server.url("/L3.csv?q-signature=s"));

        // then: cut, resume refused (wrong start), then the whole file again from byte 0
        assertThat(ranges).hasSize(3);
        assertThat(ranges.get(2)).isEqualTo("null");
        assertThat(raw.sha256()).isEqualTo(sha256(file));
        assertNothingStaged();
    }

    /** Sends {@code file[from..until)} with a Content-Length of what a full answer from {@code from} would be. */
    private void send(HttpExchange exchange, int status, int from, int until, String contentRange) throws java.io.IOException {
        if (contentRange != null) {
            exchange.getResponseHeaders().set("Content-Range", contentRange);
        }
        exchange.sendResponseHeaders(status, SIZE - from);
        OutputStream out = exchange.getResponseBody();
        // in 64 KiB writes: the JDK server copies each write into a buffer of its size (one 20 MiB array otherwise)
        for (int at = from; at < until; at += 64 * 1024) {
            out.write(file, at, Math.min(64 * 1024, until - at));
        }
        out.flush();
        // closing with the Content-Length unfulfilled drops the connection
    }

    private RawArchiver archiver() {
        DownloadProperties p = new DownloadProperties(List.of("127.0.0.1"), null, null, null, 4);
        return new RawArchiver(storage, p, Clock.systemUTC(), Duration.ofMillis(10));
    }

    private void assertNothingStaged() {
        assertThat(storage.client().listObjectsV2Paginator(b -> b.bucket("tcbill").prefix("tmp/")).contents()
                .stream().map(S3Object::key)).isEmpty();
        assertThat(storage.client().listMultipartUploads(b -> b.bucket("tcbill")).uploads()).isEmpty();
    }
}
