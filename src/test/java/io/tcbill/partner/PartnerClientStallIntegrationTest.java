package io.tcbill.partner;

import io.tcbill.feed.Role;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.tcbill.IntegrationTest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.YearMonth;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An API endpoint that sends its headers and the first 11 bytes of the body, then nothing: the read timeout (time to
 * the headers) never fires, so only the whole-response deadline ends the call, and an interrupt ends it at once.
 */
@IntegrationTest
class PartnerClientStallIntegrationTest {

    private static final byte[] STALLING_ANSWER = ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
            + "Content-Length: 200\r\n\r\n{\"Response\"").getBytes(StandardCharsets.US_ASCII);

    private final AtomicInteger requests = new AtomicInteger();
    private ServerSocket socket;

    @BeforeEach
    void start() throws IOException {
        socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(() -> {
            while (!socket.isClosed()) {
                try {
                    Socket connection = socket.accept();
                    requests.incrementAndGet();
                    Thread stall = new Thread(() -> stall(connection), "stalling-answer");
                    stall.setDaemon(true);
                    stall.start();
                } catch (IOException e) {
                    // closed
                }
            }
        }, "stalling-api");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    @AfterEach
    void stop() throws IOException {
        socket.close();
    }

    @Test
    void bodyStallingAfterElevenBytesTimesOutAtTheResponseTimeoutAndIsRetried() {
        // given a read timeout of 5s (already met: the headers came) and a response timeout of 400 ms
        PartnerClient client = client(Duration.ofMillis(400), 2);

        // when (was: hung until killed)
        PartnerApiException e = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> catchThrowableOfType(
                PartnerApiException.class, () -> client.describeBillDownloadUrl(YearMonth.of(2024, 12), "L3")));

        // then each attempt ended at the response timeout, transient and retried, naming the action and the setting
        assertThat(e.code()).isEqualTo("Timeout");
        assertThat(e.isTransient()).isTrue();
        assertThat(e.getMessage()).startsWith("DescribeBillDownloadUrl failed with Timeout: ")
                .contains("within 400 ms (tcbill.api.response-timeout)");
        assertThat(requests).hasValue(2);
    }

    @Test
    void interruptEndsAStalledCallAtOnce() throws Exception {
        // given a call stalled in the body, with a response timeout far beyond the test
        PartnerClient client = client(Duration.ofMinutes(10), 6);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread caller = new Thread(() -> {
            try {
                client.describeBillDownloadUrl(YearMonth.of(2024, 12), "L3");
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        caller.start();
        Thread.sleep(500);

        // when the thread is interrupted (what a graceful stop does)
        caller.interrupt();
        caller.join(2_000);

        // then the call ended at once, not retried
        assertThat(caller.isAlive()).as("call still running 2s after the interrupt").isFalse();
        assertThat(failure.get()).isInstanceOf(PartnerApiException.class);
        assertThat(((PartnerApiException) failure.get()).code()).isEqualTo("Interrupted");
        assertThat(requests).hasValue(1);
    }

    private PartnerClient client(Duration responseTimeout, int maxAttempts) {
        return new PartnerClient(new ApiProperties(URI.create("http://127.0.0.1:" + socket.getLocalPort()), Role.RESELLER,
                FakePartnerServer.SECRET_ID, FakePartnerServer.SECRET_KEY, null, null, null, Duration.ofSeconds(2),
                Duration.ofSeconds(5), maxAttempts, Duration.ofMillis(1), Duration.ofMillis(5), false, null,
                responseTimeout));
    }

    private static void stall(Socket connection) {
        try (connection) {
            InputStream in = connection.getInputStream();
            skipRequest(in);
            OutputStream out = connection.getOutputStream();
            out.write(STALLING_ANSWER);
            out.flush();
            in.read(); // until the client closes the connection (or the test ends)
        } catch (IOException e) {
            // the client gave up
        }
    }

    /** Reads the request's headers and its Content-Length body. */
    private static void skipRequest(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                return;
            }
            head.append((char) b);
        }
        String lower = head.toString().toLowerCase(java.util.Locale.ROOT);
        int at = lower.indexOf("content-length:");
        if (at >= 0) {
            int length = Integer.parseInt(lower.substring(at + 15, lower.indexOf("\r\n", at)).trim());
            in.readNBytes(length);
        }
    }
}
