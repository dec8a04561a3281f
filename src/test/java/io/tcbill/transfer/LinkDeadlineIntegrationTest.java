package io.tcbill.transfer;

import static io.tcbill.transfer.RawArchiverIntegrationTest.sha256;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.tcbill.IntegrationTest;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.YearMonth;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import com.sun.net.httpserver.HttpExchange;
import io.tcbill.storage.ObjectStorage;
import io.tcbill.storage.StorageProperties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Download hosts that never stall long enough for the read timeout yet never finish: a body trickling in one byte at
 * a time ends at the link deadline and resumes on a fresh link; a stalled body ends at once when the thread is
 * interrupted (SIGTERM).
 */
@IntegrationTest
class LinkDeadlineIntegrationTest {

    private static final RawTarget TARGET = new RawTarget("l3", YearMonth.of(2024, 5), null);
    private static final int HEAD = 600; // sent at once: enough for the answer check to see a CSV

    @TempDir
    Path dir;

    private final byte[] file = "PayerUin,OwnerUin,Cost\n100000000001,100000000001,1.5\n".repeat(40)
            .getBytes(StandardCharsets.US_ASCII);
    private final List<String> ranges = new CopyOnWriteArrayList<>();
    private final AtomicInteger linksAsked = new AtomicInteger();
    private ObjectStorage storage;
    private DownloadServer server;

    @BeforeEach
    void start() throws Exception {
        storage = new ObjectStorage(StorageProperties.embedded(dir));
        server = new DownloadServer();
    }

    @AfterEach
    void stop() {
        server.close();
        storage.close();
    }

    @Test
    void tricklingLinkIsDroppedAtItsDeadlineAndTheTransferResumesOnAFreshLink() {
        // given a host whose first answer trickles one byte every 100 ms after the head, and that answers a resume
        server.route("/L3.csv", exchange -> {
            String range = exchange.getRequestHeaders().getFirst("Range");
            ranges.add(String.valueOf(range));
            if (range == null) {
                trickle(exchange, 0);
            } else {
                int from = Integer.parseInt(range.substring("bytes=".length(), range.length() - 1));
                exchange.getResponseHeaders().set("Content-Range", "bytes " + from + "-" + (file.length - 1) + "/"
                        + file.length);
                exchange.sendResponseHeaders(206, file.length - from);
                exchange.getResponseBody().write(file, from, file.length - from);
            }
        });

        // when the file is archived with a link deadline of 1s (the trickle alone would take over 2 minutes)
        RawObject raw = assertTimeoutPreemptively(Duration.ofSeconds(30),
                () -> archiver(Duration.ofSeconds(1), 4).archive(TARGET, this::link));

        // then the first link was dropped at its deadline, a fresh one asked for, and the bytes already in resumed
        assertThat(raw.sha256()).isEqualTo(sha256(file));
        assertThat(raw.size()).isEqualTo(file.length);
        assertThat(linksAsked).hasValue(2);
        assertThat(ranges).hasSize(2);
        assertThat(ranges.get(0)).isEqualTo("null");
        assertThat(ranges.get(1)).startsWith("bytes=");
        assertThat(Integer.parseInt(ranges.get(1).replaceAll("\\D", ""))).isGreaterThanOrEqualTo(HEAD);
    }

    @Test
    void hostThatOnlyTricklesFailsNamingTheLinkDeadline() {
        // given a host whose every answer trickles (resumes ignored: each starts again from byte 0)
        server.route("/L3.csv", exchange -> {
            ranges.add(String.valueOf(exchange.getRequestHeaders().getFirst("Range")));
            trickle(exchange, 0);
        });

        // when / then the download ends within its attempts, each bounded by the deadline, naming the setting
        assertTimeoutPreemptively(Duration.ofSeconds(30), () ->
                assertThatThrownBy(() -> archiver(Duration.ofMillis(700), 2).archive(TARGET, this::link))
                        .isInstanceOf(TransferException.class)
                        .hasMessageContaining("tcbill.download.link-deadline")
                        .hasMessageContaining("gave up after"));
        assertThat(linksAsked.get()).isBetween(2, 4);
    }

    @Test
    void interruptEndsAStalledDownloadAtOnce() throws Exception {
        // given a host that sends the head of the file and then nothing, for longer than any timeout of this test
        server.route("/L3.csv", exchange -> {
            exchange.sendResponseHeaders(200, file.length);
            OutputStream out = exchange.getResponseBody();
            out.write(file, 0, HEAD);
            out.flush();
            sleep(60_000);
        });
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread download = new Thread(() -> {
            try {
                archiver(Duration.ofMinutes(50), 4).archive(TARGET, this::link);
            } catch (Throwable e) {
                failure.set(e);
            }
        });
        download.start();
        Thread.sleep(700);

        // when the thread is interrupted (what a graceful stop does)
        download.interrupt();
        download.join(3_000);

        // then the download ended at once, as a terminal failure saying so, and did not retry
        assertThat(download.isAlive()).as("download still running 3s after the interrupt").isFalse();
        assertThat(failure.get()).isInstanceOf(TransferException.class).hasMessageContaining("interrupted");
        assertThat(((TransferException) failure.get()).isTransient()).isFalse();
        assertThat(server.requests()).isEqualTo(1);
    }

    private String link() {
        linksAsked.incrementAndGet();
        return server.url("/L3.csv?q-signature=s" + linksAsked.get());
    }

    /** The head of the file from {@code from} at once, then one byte every 100 ms. */
    private void trickle(HttpExchange exchange, int from) throws IOException {
        exchange.sendResponseHeaders(200, file.length - from);
        OutputStream out = exchange.getResponseBody();
        out.write(file, from, HEAD);
        out.flush();
        for (int at = from + HEAD; at < file.length; at++) {
            out.write(file[at]);
            out.flush();
            sleep(100);
        }
    }

    private static void sleep(long millis) throws IOException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("server stopped", e);
        }
    }

    private RawArchiver archiver(Duration linkDeadline, int maxAttempts) {
        DownloadProperties p = new DownloadProperties(List.of("127.0.0.1"), null, null, null, maxAttempts, null, false,
                linkDeadline);
        return new RawArchiver(storage, p, Clock.systemUTC(), Duration.ofMillis(10));
    }
}
