package io.tcbill.partner;

import io.tcbill.feed.Role;
import static io.tcbill.partner.FakePartnerServer.SECRET_ID;
import static io.tcbill.partner.FakePartnerServer.SECRET_KEY;
import static io.tcbill.partner.FakePartnerServer.delayed;
import static io.tcbill.partner.FakePartnerServer.error;
import static io.tcbill.partner.FakePartnerServer.ok;
import static io.tcbill.partner.FakePartnerServer.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.tcbill.IntegrationTest;
import io.tcbill.feed.Feed;
import io.tcbill.partner.FakePartnerServer.Received;
import java.net.URI;
import java.time.Duration;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The client against a real HTTP server on 127.0.0.1 that verifies every TC3 signature. */
@IntegrationTest
class PartnerClientIntegrationTest {

    private static final YearMonth DEC_2024 = YearMonth.of(2024, 12);
    private FakePartnerServer server;

    @BeforeEach
    void startServer() throws Exception {
        server = new FakePartnerServer();
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    private PartnerClient client(int maxAttempts) {
        return client(server.endpoint(), SECRET_KEY, maxAttempts, Duration.ofSeconds(5));
    }

    private static PartnerClient client(URI endpoint, String secretKey, int maxAttempts, Duration readTimeout) {
        return new PartnerClient(new ApiProperties(endpoint, Role.RESELLER, SECRET_ID, secretKey, null, null, null,
                Duration.ofSeconds(2), readTimeout, maxAttempts, Duration.ofMillis(1), Duration.ofMillis(5), false,
                null));
    }

    @Test
    void signsForIntlpartnersmgtAgainstALoopbackEndpointAndSendsTypedBody() {
        // given
        server.script("DescribeBillDownloadUrl",
                ok("\"DownloadUrl\":\"https://b.cos.ap-singapore.myqcloud.com/L3.csv?sign=abc\",\"Ready\":1"));

        // when
        DownloadLink link = client(1).describeBillDownloadUrl(DEC_2024, "L3");

        // then
        assertThat(link).isEqualTo(new DownloadLink(true, "https://b.cos.ap-singapore.myqcloud.com/L3.csv?sign=abc"));
        Received request = server.received().get(0);
        assertThat(request.signatureValid()).isTrue();
        assertThat(request.host()).isEqualTo("127.0.0.1:" + server.endpoint().getPort());
        assertThat(request.authorization()).contains("/intlpartnersmgt/tc3_request", "SignedHeaders=content-type;host");
        assertThat(request.action()).isEqualTo("DescribeBillDownloadUrl");
        assertThat(request.version()).isEqualTo("2022-09-28");
        assertThat(request.body()).isEqualTo("{\"Month\":\"2024-12\",\"FileType\":\"L3\"}");
    }

    @Test
    void readyWithAnEmptyDownloadUrlIsATerminalInconsistentAnswer() {
        // given an answer that says generated but holds no link
        server.script("DescribeBillDownloadUrl", ok("\"DownloadUrl\":\"\",\"Ready\":1"));

        // when
        PartnerApiException e = catchThrowableOfType(PartnerApiException.class,
                () -> client(3).describeBillDownloadUrl(DEC_2024, "L3"));

        // then it fails at once, not retried, naming what the API answered
        assertThat(e.code()).isEqualTo("InconsistentAnswer");
        assertThat(e.isTransient()).isFalse();
        assertThat(e.requestId()).isNotBlank();
        assertThat(e.getMessage()).startsWith("DescribeBillDownloadUrl failed with InconsistentAnswer: the API answered"
                + " Ready=1 without a usable DownloadUrl (empty)");
        assertThat(server.received()).hasSize(1);
    }

    @Test
    void apiErrorTextCannotForgeALogLineOrRewriteTheTerminal() {
        // given an error whose Message and Code carry line breaks and terminal escapes
        server.script("DescribeBillDownloadUrl", error("FailedOperation\\u001b[2K",
                "bad month\\r\\n2026-12-07 INFO  io.tcbill forged: all good\\u001b[32m OK\\u001b[0m\\u2028end"));

        // when
        PartnerApiException e = catchThrowableOfType(PartnerApiException.class,
                () -> client(1).describeBillDownloadUrl(DEC_2024, "L3"));

        // then the message is one line without any control character, the text still readable
        assertThat(e.getMessage()).doesNotContainPattern("[\\p{Cntrl}\\u2028\\u2029]")
                .contains("bad month 2026-12-07 INFO  io.tcbill forged: all good OK end");
        assertThat(e.code()).isEqualTo("FailedOperation");
    }

    @Test
    void generatingFileIsNotReadyAndPackRequestOmitsCustomerUin() {
        // given
        server.script("DescribeCustomerBillDownloadUrl", ok("\"DownloadUrl\":\"\",\"Ready\":0"));
        Feed.Source pack = new Feed.Source("DescribeCustomerBillDownloadUrl", "billDetailPack");

        // when
        DownloadLink link = client(1).describeDownloadUrl(pack, DEC_2024, null);

        // then
        assertThat(link.ready()).isFalse();
        assertThat(link.usable()).isFalse();
        assertThat(server.received().get(0).body()).isEqualTo(
                "{\"Month\":\"2024-12\",\"FileType\":\"billDetailPack\",\"CustomerUinType\":\"Customer\",\"FileLanguage\":\"en\"}");
    }

    @Test
    void packWithACustomerUinIsRejectedBeforeSending() {
        Feed.Source pack = new Feed.Source("DescribeCustomerBillDownloadUrl", "billResourcePack");

        assertThatIllegalArgumentException().isThrownBy(() -> client(1).describeDownloadUrl(pack, DEC_2024, 42L))
                .withMessageContaining("billResourcePack");
        assertThat(server.received()).isEmpty();
    }

    @Test
    void customerSourceSendsUinAndRebateSourceUsesItsAction() {
        PartnerClient client = client(1);

        client.describeDownloadUrl(new Feed.Source("DescribeCustomerBillDownloadUrl", "billResource"), DEC_2024,
                800000425835L);
        client.describeDownloadUrl(new Feed.Source("DescribeRebateDownloadUrl", "CommissionDetail"), DEC_2024, null);

        List<Received> received = server.received();
        assertThat(received.get(0).body()).endsWith("\"FileLanguage\":\"en\",\"CustomerUin\":800000425835}");
        assertThat(received.get(1).action()).isEqualTo("DescribeRebateDownloadUrl");
        assertThat(received.get(1).body()).isEqualTo("{\"Month\":\"2024-12\",\"FileType\":\"CommissionDetail\"}");
    }

    @Test
    void totalSentAsStringIsParsedAndAllPagesAreCollected() {
        // given: 5 customers, page size 2 -> 3 pages
        server.script("DescribeCustomerUin",
                ok("\"Total\":\"5\",\"Data\":[{\"CustomerUin\":\"100001\"},{\"CustomerUin\":\"100002\"}]"),
                ok("\"Total\":\"5\",\"Data\":[{\"CustomerUin\":\"100003\"},{\"CustomerUin\":\"100004\"}]"),
                ok("\"Total\":\"5\",\"Data\":[{\"CustomerUin\":\"100005\"}]"));

        // when
        List<Long> uins = client(1).allCustomerUins(2);

        // then
        assertThat(uins).containsExactly(100001L, 100002L, 100003L, 100004L, 100005L);
        assertThat(server.received()).extracting(Received::body).containsExactly(
                "{\"Page\":1,\"PageSize\":2}", "{\"Page\":2,\"PageSize\":2}", "{\"Page\":3,\"PageSize\":2}");
    }

    @Test
    void singlePageKeepsTotalOfAllPages() {
        server.script("DescribeCustomerUin", ok("\"Total\":\"42\",\"Data\":[{\"CustomerUin\":\"7\"}]"));

        assertThat(client(1).describeCustomerUin(1, 1)).isEqualTo(new CustomerUinPage(42, List.of(7L)));
    }

    @Test
    void transientErrorsAreRetriedUntilSuccess() {
        // given
        server.script("DescribeBillDownloadUrl",
                error("RequestLimitExceeded", "Too many requests."),
                error("OperationDenied.ServiceBusy", "System busy. Please try again later."),
                error("InternalError", "oops"),
                ok("\"DownloadUrl\":\"https://x/y.csv\",\"Ready\":1"));

        // when
        DownloadLink link = client(6).describeBillDownloadUrl(DEC_2024, "L2");

        // then
        assertThat(link.downloadUrl()).isEqualTo("https://x/y.csv");
        assertThat(server.received()).hasSize(4);
    }

    @Test
    void http5xxIsRetried() {
        server.script("DescribeCustomerUin", status(503), status(502),
                ok("\"Total\":\"1\",\"Data\":[{\"CustomerUin\":\"9\"}]"));

        assertThat(client(3).describeCustomerUin(1, 10).customerUins()).containsExactly(9L);
        assertThat(server.received()).hasSize(3);
    }

    @Test
    void transientErrorGivesUpAfterMaxAttempts() {
        server.script("DescribeBillDownloadUrl", error("InternalError", "a"), error("InternalError", "b"),
                error("InternalError", "c"), ok("\"Ready\":1,\"DownloadUrl\":\"https://never/used\""));

        PartnerApiException e = catchThrowableOfType(PartnerApiException.class,
                () -> client(3).describeBillDownloadUrl(DEC_2024, "L3"));

        assertThat(e.isTransient()).isTrue();
        assertThat(e.code()).isEqualTo("InternalError");
        assertThat(e.requestId()).isEqualTo("req-InternalError");
        assertThat(server.received()).hasSize(3);
    }

    @Test
    void terminalErrorIsNotRetriedAndSaysWhatToDo() {
        server.script("DescribeBillDownloadUrl", error("InvalidParameterValue.InvalidMonth", "Incorrect month value"));

        PartnerApiException e = catchThrowableOfType(PartnerApiException.class,
                () -> client(6).describeBillDownloadUrl(YearMonth.of(2019, 1), "L3"));

        assertThat(e.isTransient()).isFalse();
        assertThat(e.action()).isEqualTo("DescribeBillDownloadUrl");
        assertThat(e.getMessage()).contains("DescribeBillDownloadUrl", "InvalidParameterValue.InvalidMonth",
                "Incorrect month value", "YYYY-MM", "2022-06");
        assertThat(server.received()).hasSize(1);
    }

    @Test
    void wrongSecretKeyFailsWithAuthHintAndNoSecretInMessage() {
        String wrongKey = "wrongKeyAlsoSecret0000000000000000";

        PartnerApiException e = catchThrowableOfType(PartnerApiException.class,
                () -> client(server.endpoint(), wrongKey, 6, Duration.ofSeconds(5)).describeCustomerUin(1, 10));

        assertThat(e.code()).isEqualTo("AuthFailure.SignatureFailure");
        assertThat(e.isTransient()).isFalse();
        assertThat(e.isRefusedCredentials()).isTrue();
        assertThat(e.getMessage()).contains("refused the credentials", "TENCENTCLOUD_SECRET_ID", "TENCENTCLOUD_SECRET_KEY")
                .doesNotContain(wrongKey, SECRET_ID).doesNotContain("\n");
        assertThat(server.received()).hasSize(1);
    }

    @Test
    void missingCredentialsFailAtFirstCallWithoutSendingAnything() {
        PartnerClient client = new PartnerClient(ApiProperties.of(server.endpoint(), SECRET_ID, ""));

        PartnerApiException e = catchThrowableOfType(PartnerApiException.class,
                () -> client.describeRebateDownloadUrl(DEC_2024, "CommissionDetail"));

        assertThat(e.isTransient()).isFalse();
        assertThat(e.getMessage()).contains("TENCENTCLOUD_SECRET_ID", "TENCENTCLOUD_SECRET_KEY");
        assertThat(server.received()).isEmpty();
    }

    @Test
    void readTimeoutIsTransientAndRetried() {
        server.script("DescribeCustomerUin", delayed(ok("\"Total\":\"0\""), 1_500), ok("\"Total\":\"0\",\"Data\":null"));

        CustomerUinPage page = client(server.endpoint(), SECRET_KEY, 2, Duration.ofMillis(300)).describeCustomerUin(1, 5);

        assertThat(page).isEqualTo(new CustomerUinPage(0, List.of()));
        assertThat(server.received()).hasSize(2);
    }

    @Test
    void echoedSecretsAndSignedUrlsNeverReachTheMessage() {
        server.script("DescribeBillDownloadUrl", error("FailedOperation",
                "bad key " + SECRET_KEY + " for https://b.cos.myqcloud.com/f.csv?q-signature=deadbeef&q-ak=x"));

        PartnerApiException e = catchThrowableOfType(PartnerApiException.class,
                () -> client(1).describeBillDownloadUrl(DEC_2024, "L3"));

        assertThat(e.getMessage()).contains("https://b.cos.myqcloud.com/f.csv")
                .doesNotContain(SECRET_KEY, "q-signature", "deadbeef");
    }

    @Test
    void genericCallReturnsResponseObjectAndSortsParams() {
        server.script("DescribeCustomerBillSummary", ok("\"TotalCost\":12.5"));

        JsonNode response = client(1).call("DescribeCustomerBillSummary",
                Map.of("Month", "2024-12", "CustomerUin", 800000425835L));

        assertThat(response.path("TotalCost").asDouble()).isEqualTo(12.5);
        assertThat(server.received().get(0).body()).isEqualTo("{\"CustomerUin\":800000425835,\"Month\":\"2024-12\"}");
    }
}
