package io.tcbill.partner;

import io.tcbill.feed.Role;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.tcbill.IntegrationTest;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.YearMonth;
import org.junit.jupiter.api.Test;

/**
 * An API that cannot be reached is named as such: the host and port, the setting they came from, and which of
 * refused, unknown host or TLS it was (was: "I/O error talking to 127.0.0.1:1: java.net.ConnectException").
 */
@IntegrationTest
class UnreachableApiIntegrationTest {

    private static final YearMonth MONTH = YearMonth.of(2026, 9);

    private static PartnerClient client(URI endpoint, int maxAttempts) {
        return new PartnerClient(new ApiProperties(endpoint, Role.RESELLER, FakePartnerServer.SECRET_ID,
                FakePartnerServer.SECRET_KEY, null, null, null, Duration.ofSeconds(2), Duration.ofSeconds(2),
                maxAttempts, Duration.ofMillis(1), Duration.ofMillis(5), false, null));
    }

    /** A loopback port nothing listens on: bound to find a free one, then closed. */
    private static int closedPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Test
    void aClosedPortIsAConnectionRefusedNamingHostPortAndSetting() throws Exception {
        // given
        int port = closedPort();

        // when
        PartnerApiException e = catchThrowableOfType(PartnerApiException.class,
                () -> client(URI.create("http://127.0.0.1:" + port), 2).describeBillDownloadUrl(MONTH, "L3"));

        // then: retried (a service may come back), then named with the attempts configured
        assertThat(e.code()).isEqualTo("ConnectionRefused");
        assertThat(e.isUnreachable()).isTrue();
        assertThat(e.isTransient()).isTrue();
        assertThat(e.getMessage()).contains("127.0.0.1:" + port, "tcbill.api.endpoint", "TCBILL_API_ENDPOINT",
                "tcbill.api.max-attempts").contains("2 attempts");
    }

    @Test
    void aNameUnderTheInvalidTopLevelDomainIsAnUnknownHost() {
        PartnerApiException e = catchThrowableOfType(PartnerApiException.class,
                () -> client(URI.create("https://partner-api.tcbill.invalid"), 1).describeCustomerUin(1, 10));

        assertThat(e.code()).isEqualTo("UnknownHost");
        assertThat(e.isUnreachable()).isTrue();
        assertThat(e.getMessage()).contains("partner-api.tcbill.invalid", "tcbill.api.endpoint");
    }

    @Test
    void httpsToAPlainHttpPortIsATlsFailureThatIsNotRetried() throws Exception {
        // given a server that answers every connection in plain HTTP, asked over https
        try (ServerSocket plain = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            Thread server = new Thread(() -> answerPlainHttp(plain), "plain-http");
            server.setDaemon(true);
            server.start();
            URI endpoint = URI.create("https://127.0.0.1:" + plain.getLocalPort());

            // when
            PartnerApiException e = catchThrowableOfType(PartnerApiException.class,
                    () -> client(endpoint, 3).describeBillDownloadUrl(MONTH, "L3"));

            // then: terminal, naming where and the setting
            assertThat(e.code()).isEqualTo("TlsFailure");
            assertThat(e.isUnreachable()).isTrue();
            assertThat(e.isTransient()).isFalse();
            assertThat(e.getMessage()).contains("TLS", "127.0.0.1:" + plain.getLocalPort(), "tcbill.api.endpoint");
        }
    }

    private static void answerPlainHttp(ServerSocket plain) {
        while (!plain.isClosed()) {
            try (Socket socket = plain.accept()) {
                socket.getOutputStream().write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                        .getBytes(StandardCharsets.US_ASCII));
                socket.getOutputStream().flush();
            } catch (IOException e) {
                return;
            }
        }
    }
}
