package io.tcbill.partner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.tcbill.IntegrationTest;
import io.tcbill.simulator.PartnerSimulator;
import io.tcbill.simulator.SimulatorConfig;
import io.tcbill.feed.Feed;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.YearMonth;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The client against the project's own simulator: the two halves of the protocol agree, and errors read well. */
@IntegrationTest
class PartnerClientSimulatorIntegrationTest {

    private static PartnerSimulator simulator;

    @BeforeAll
    static void start() {
        simulator = PartnerSimulator.start(SimulatorConfig.defaults().withPollsBeforeReady(1));
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    @Test
    void aWrongSecretKeyFailsOnceWithTheAuthCodeAndAHintButNoSecret() {
        String wrongKey = "definitely-not-the-key-0000000000";
        PartnerClient client = new PartnerClient(ApiProperties.of(simulator.endpoint(), SimulatorConfig.DEMO_SECRET_ID, wrongKey));
        long before = simulator.stats().requests("DescribeBillDownloadUrl");

        PartnerApiException e = catchThrowableOfType(PartnerApiException.class,
                () -> client.describeBillDownloadUrl(YearMonth.of(2026, 9), "L3"));

        assertThat(e.code()).isEqualTo("AuthFailure.SignatureFailure");
        assertThat(e.isTransient()).isFalse();
        assertThat(e.isRefusedCredentials()).isTrue();
        assertThat(e.getMessage()).contains("TENCENTCLOUD_SECRET_ID").doesNotContain(wrongKey);
        assertThat(simulator.stats().requests("DescribeBillDownloadUrl") - before).isEqualTo(1);
    }

    @Test
    void anUnknownSecretIdIsRefusedCredentialsAndTheMessageHoldsNeitherHalfOfTheKey() {
        // given a secret id the API does not know (the simulator's message quotes it, as Tencent Cloud's may)
        String unknownId = "AKIDnotAnAccountOfThisSimulator00000";
        PartnerClient client = new PartnerClient(ApiProperties.of(simulator.endpoint(), unknownId,
                SimulatorConfig.DEMO_SECRET_KEY));

        // when
        PartnerApiException e = catchThrowableOfType(PartnerApiException.class,
                () -> client.describeBillDownloadUrl(YearMonth.of(2026, 9), "L3"));

        // then: classified as refused credentials, naming the variables, never their values
        assertThat(e.code()).isEqualTo("AuthFailure.SecretIdNotFound");
        assertThat(e.isRefusedCredentials()).isTrue();
        assertThat(e.isTransient()).isFalse();
        assertThat(e.getMessage()).contains("refused the credentials", "TENCENTCLOUD_SECRET_ID")
                .doesNotContain(unknownId, SimulatorConfig.DEMO_SECRET_KEY);
    }

    @Test
    void aMonthThatIsNotFinalIsRefusedAsInvalidMonth() {
        PartnerClient client = new PartnerClient(ApiProperties.of(simulator.endpoint(), SimulatorConfig.DEMO_SECRET_ID,
                SimulatorConfig.DEMO_SECRET_KEY));

        PartnerApiException e = catchThrowableOfType(PartnerApiException.class,
                () -> client.describeRebateDownloadUrl(YearMonth.now().plusMonths(1), "CommissionDetail"));

        assertThat(e.code()).isEqualTo("InvalidParameterValue.InvalidMonth");
        assertThat(e.getMessage()).contains("YYYY-MM");
    }

    @Test
    void theConfiguredFileLanguageBringsAChineseBillWithTheSameRows() throws Exception {
        ApiProperties english = ApiProperties.of(simulator.endpoint(), SimulatorConfig.DEMO_SECRET_ID,
                SimulatorConfig.DEMO_SECRET_KEY);
        ApiProperties chinese = new ApiProperties(english.endpoint(), english.role(), english.secretId(),
                english.secretKey(), null, null, null, null, null, 6, null, null, false, null, null, FileLanguage.ZH_CN);
        long uin = simulator.data().customerUins().get(0);
        YearMonth month = YearMonth.now(java.time.ZoneOffset.UTC).minusMonths(2);

        String inEnglish = download(new PartnerClient(english), month, uin);
        String inChinese = download(new PartnerClient(chinese), month, uin);

        assertThat(inEnglish).startsWith("\uFEFFPayer Account ID,");
        assertThat(inChinese).startsWith("\uFEFF支付者UIN,").contains("总费用（含税）");
        assertThat(inChinese.lines().count()).isEqualTo(inEnglish.lines().count()).isGreaterThan(1);
        // the total column (last but one of the 2022 layout, before the month) is the same in both
        assertThat(lastFields(inChinese)).isEqualTo(lastFields(inEnglish));
    }

    private static String download(PartnerClient client, YearMonth month, long uin) throws Exception {
        Feed.Source source = new Feed.Source("DescribeCustomerBillDownloadUrl", "billDetail");
        for (int attempt = 0; attempt < 10; attempt++) {
            DownloadLink link = client.describeDownloadUrl(source, month, uin);
            if (link.usable()) {
                HttpResponse<byte[]> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(link.downloadUrl())).build(), HttpResponse.BodyHandlers.ofByteArray());
                assertThat(response.statusCode()).isEqualTo(200);
                return new String(response.body(), StandardCharsets.UTF_8);
            }
        }
        throw new AssertionError("the file of " + uin + " never became ready");
    }

    private static java.util.List<String> lastFields(String csv) {
        return csv.lines().skip(1).filter(l -> l.startsWith("8")).map(l -> l.substring(l.lastIndexOf(',', l.lastIndexOf(',') - 1)))
                .toList();
    }

    @Test
    void theCustomerListComesBackWhole() {
        PartnerClient client = new PartnerClient(ApiProperties.of(simulator.endpoint(), SimulatorConfig.DEMO_SECRET_ID,
                SimulatorConfig.DEMO_SECRET_KEY));

        assertThat(client.allCustomerUins(2)).containsExactlyElementsOf(simulator.data().customerUins());
    }
}
