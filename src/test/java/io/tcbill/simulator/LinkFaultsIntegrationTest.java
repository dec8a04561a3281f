package io.tcbill.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.tcbill.IntegrationTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.YearMonth;
import java.util.Arrays;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Link faults and API storms as a downloader meets them over real HTTP: cut, expired, short, busy. */
@IntegrationTest
class LinkFaultsIntegrationTest {

    private static final String OWN_L3 = "{\"Month\":\"2024-12\",\"FileType\":\"L3\"}";
    private static final String PAGE = "{\"Page\":1,\"PageSize\":10}";

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private PartnerSimulator simulator;
    private TestClient client;
    private byte[] file;

    @BeforeEach
    void start() {
        simulator = PartnerSimulator.start(SimulatorConfig.defaults().withPollsBeforeReady(0));
        client = new TestClient(simulator, Clock.systemUTC());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        simulator.data().writeCsv("l3", YearMonth.of(2024, 12), null, out);
        file = out.toByteArray();
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    @Test
    void linkExpiresMidTransferAndAFreshLinkResumesWithRange() throws Exception {
        // given links that expire after 60% of the file
        long cut = file.length * 6L / 10;
        simulator.faults().expireLinksAfterBytes(cut);
        String first = client.awaitUrl("DescribeBillDownloadUrl", OWN_L3);

        // when
        Download broken = get(first, null);
        Download again = get(first, "bytes=" + cut + "-");
        String fresh = client.awaitUrl("DescribeBillDownloadUrl", OWN_L3);
        Download rest = get(fresh, "bytes=" + cut + "-");

        // then
        assertThat(broken.status()).isEqualTo(200);
        assertThat(broken.contentLength()).isEqualTo(file.length);
        assertThat(broken.broken()).isTrue();
        assertSlice(broken.body(), 0, cut);
        assertThat(again.status()).isEqualTo(403);
        assertThat(new String(again.body(), StandardCharsets.UTF_8)).contains("<Code>AccessDenied</Code>")
                .contains("Request has expired");
        assertThat(fresh).isNotEqualTo(first);
        assertThat(rest.status()).isEqualTo(206);
        assertThat(rest.broken()).isFalse();
        assertThat(rest.body()).isEqualTo(Arrays.copyOfRange(file, (int) cut, file.length));
        assertThat(simulator.stats().linksExpiredMidTransfer()).isEqualTo(1);
        assertThat(simulator.stats().rangeDownloads()).isEqualTo(1);
        assertThat(simulator.stats().downloadsDenied()).isEqualTo(1);
    }

    @Test
    void connectionDropsTheGivenNumberOfTimesThenTheSameLinkServesTheWholeFile() throws Exception {
        simulator.faults().dropConnectionAfterBytes(1000, 2);
        String url = client.awaitUrl("DescribeBillDownloadUrl", OWN_L3);

        Download first = get(url, null);
        Download second = get(url, "bytes=1000-");
        Download third = get(url, null);

        assertThat(first.broken()).isTrue();
        assertSlice(first.body(), 0, 1000);
        assertThat(second.status()).isEqualTo(206);
        assertThat(second.broken()).isTrue();
        assertSlice(second.body(), 1000, 1000);
        assertThat(third.broken()).isFalse();
        assertThat(third.body()).isEqualTo(file);
        assertThat(simulator.stats().connectionsDropped()).isEqualTo(2);
    }

    @Test
    void shortBodyAnnouncesTheFullLengthAndSendsLess() throws Exception {
        simulator.faults().shortBody(1);
        String url = client.awaitUrl("DescribeBillDownloadUrl", OWN_L3);

        Download shortOne = get(url, null);
        Download whole = get(url, null);

        assertThat(shortOne.contentLength()).isEqualTo(file.length);
        assertThat(shortOne.broken()).isTrue();
        assertSlice(shortOne.body(), 0, file.length * 9 / 10);
        assertThat(whole.body()).isEqualTo(file);
        assertThat(simulator.stats().shortBodies()).isEqualTo(1);
    }

    @Test
    void replacedFileIsAnsweredWithTheReplacementUntilReset() throws Exception {
        byte[] page = "<html><body>Access Denied</body></html>".getBytes(StandardCharsets.UTF_8);
        simulator.faults().replaceFile(null, "text/html", page);
        String url = client.awaitUrl("DescribeBillDownloadUrl", OWN_L3);

        HttpResponse<byte[]> replaced = http.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        simulator.faults().reset();
        Download whole = get(url, null);

        assertThat(replaced.statusCode()).isEqualTo(200);
        assertThat(replaced.headers().firstValue("Content-Type")).hasValue("text/html");
        assertThat(replaced.headers().firstValueAsLong("Content-Length")).hasValue(page.length);
        assertThat(replaced.body()).isEqualTo(page);
        assertThat(whole.body()).isEqualTo(file);
    }

    @Test
    void serviceBusyStormRefusesTheNextCallsThenPasses() {
        simulator.faults().serviceBusyStorm(3);

        var codes = IntStream.range(0, 4).mapToObj(i -> TestClient.errorCode(client.call("DescribeCustomerUin", PAGE)))
                .toList();

        assertThat(codes).containsExactly("OperationDenied.ServiceBusy", "OperationDenied.ServiceBusy",
                "OperationDenied.ServiceBusy", null);
        assertThat(simulator.stats().errors("OperationDenied.ServiceBusy")).isEqualTo(3);
    }

    @Test
    void resetSwitchesEveryLinkFaultOff() throws Exception {
        simulator.faults().expireLinksAfterBytes(10).dropConnectionAfterBytes(10, 5).shortBody(5)
                .serviceBusyStorm(5).reset();
        String url = client.awaitUrl("DescribeBillDownloadUrl", OWN_L3);

        assertThat(get(url, null).body()).isEqualTo(file);
        assertThat(simulator.stats().connectionsDropped() + simulator.stats().shortBodies()
                + simulator.stats().linksExpiredMidTransfer()).isZero();
    }

    /**
     * The bytes of a cut response are the file's from {@code offset}, at most {@code sent} of them (the client may
     * lose the last few it had buffered when the connection drops) and most of them.
     */
    private void assertSlice(byte[] body, long offset, long sent) {
        assertThat((long) body.length).isBetween(sent / 2, sent);
        assertThat(body).isEqualTo(Arrays.copyOfRange(file, (int) offset, (int) offset + body.length));
    }

    /** A response read until its end or until the connection broke, keeping every byte that arrived. */
    private record Download(int status, long contentLength, byte[] body, boolean broken) {
    }

    private Download get(String url, String range) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).GET();
        if (range != null) {
            request.header("Range", range);
        }
        HttpResponse<InputStream> response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        boolean broken = false;
        try (InputStream in = response.body()) {
            byte[] buffer = new byte[8192];
            for (int n; (n = in.read(buffer)) > 0; ) {
                body.write(buffer, 0, n);
            }
        } catch (IOException e) {
            broken = true;
        }
        return new Download(response.statusCode(), response.headers().firstValueAsLong("Content-Length").orElse(-1),
                body.toByteArray(), broken);
    }
}
