package io.tcbill.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.tcbill.IntegrationTest;
import io.tcbill.partner.Tc3Signer;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Every documented refusal of the API envelope, authentication and parameters (partner-api.md §3.4, §6). */
@IntegrationTest
class ApiErrorsIntegrationTest {

    private static final String OWN_L3 = "{\"Month\":\"2024-12\",\"FileType\":\"L3\"}";
    private static final TestClient.Signing DEMO = TestClient.Signing.demo();

    private final MutableClock clock = new MutableClock(Instant.parse("2025-01-20T00:00:00Z"));
    private PartnerSimulator simulator;
    private TestClient client;

    @BeforeEach
    void start() {
        simulator = PartnerSimulator.start(SimulatorConfig.defaults().withClock(clock));
        client = new TestClient(simulator, clock);
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    @Test
    void authenticationFailures() {
        assertThat(codeAs(new TestClient.Signing(DEMO.secretId(), "wrong-key", DEMO.service(), 0, false)))
                .isEqualTo("AuthFailure.SignatureFailure");
        assertThat(codeAs(new TestClient.Signing("AKIDunknown", DEMO.secretKey(), DEMO.service(), 0, false)))
                .isEqualTo("AuthFailure.SecretIdNotFound");
        assertThat(codeAs(new TestClient.Signing(DEMO.secretId(), DEMO.secretKey(), DEMO.service(), -301, false)))
                .isEqualTo("AuthFailure.SignatureExpire");
        assertThat(codeAs(new TestClient.Signing(DEMO.secretId(), DEMO.secretKey(), "127", 0, false)))
                .isEqualTo("AuthFailure.SignatureFailure");
        assertThat(simulator.stats().errors("AuthFailure.SignatureFailure")).isEqualTo(2);
    }

    @Test
    void signatureWithinFiveMinutesAndOverTheActionHeaderIsAccepted() {
        assertThat(codeAs(new TestClient.Signing(DEMO.secretId(), DEMO.secretKey(), DEMO.service(), 299, false))).isNull();
        assertThat(codeAs(new TestClient.Signing(DEMO.secretId(), DEMO.secretKey(), DEMO.service(), 0, true))).isNull();
    }

    @Test
    void missingOrMalformedAuthorizationAndABodyThatDoesNotMatchItsSignature() {
        long now = clock.instant().getEpochSecond();
        String signedForOtherBody = Tc3Signer.authorization(DEMO.secretId(), DEMO.secretKey(), "intlpartnersmgt",
                "127.0.0.1:" + simulator.port(), now, "{\"Month\":\"2024-11\",\"FileType\":\"L3\"}");

        assertThat(code(client.post("DescribeBillDownloadUrl", OWN_L3, now, null, "2022-09-28").join()))
                .isEqualTo("AuthFailure.InvalidAuthorization");
        assertThat(code(client.post("DescribeBillDownloadUrl", OWN_L3, now, "Bearer x", "2022-09-28").join()))
                .isEqualTo("AuthFailure.InvalidAuthorization");
        assertThat(code(client.post("DescribeBillDownloadUrl", OWN_L3, now, signedForOtherBody, "2022-09-28").join()))
                .isEqualTo("AuthFailure.SignatureFailure");
    }

    @Test
    void unknownActionAndOtherVersion() {
        assertThat(code(client.call("DescribeEverything", "{}"))).isEqualTo("InvalidAction");
        assertThat(code(client.callAsync(DEMO, "DescribeBillDownloadUrl", OWN_L3, "2017-03-12").join()))
                .isEqualTo("NoSuchVersion");
    }

    @Test
    void missingUnknownAndInvalidParameters() {
        JsonNode missing = client.call("DescribeBillDownloadUrl", "{\"FileType\":\"L3\"}");

        assertThat(code(missing)).isEqualTo("MissingParameter");
        assertThat(missing.get("Error").get("Message").asString()).contains("Month");
        assertThat(code(client.call("DescribeBillDownloadUrl", "{\"Month\":\"2024-12\",\"FileType\":\"L3\",\"Region\":\"x\"}")))
                .isEqualTo("UnknownParameter");
        assertThat(code(client.call("DescribeBillDownloadUrl", "{\"Month\":\"2024-12\",\"FileType\":\"L4\"}")))
                .isEqualTo("InvalidParameter");
        assertThat(code(client.call("DescribeRebateDownloadUrl", "{\"Month\":\"2024-12\",\"FileType\":\"L3\"}")))
                .isEqualTo("InvalidParameterValue");
        assertThat(code(client.call("DescribeCustomerBillDownloadUrl",
                "{\"Month\":\"2024-12\",\"FileType\":\"billDetail\",\"CustomerUinType\":\"Customer\"}")))
                .isEqualTo("MissingParameter");
        assertThat(code(client.call("DescribeBillDownloadUrl", "[1]"))).isEqualTo("InvalidRequest");
    }

    @Test
    void invalidMonths() {
        // the clock says 2025-01-20, so 2024-12 is the latest final month
        for (String month : new String[] {"2024-1", "2024-13", "202412", "2022-05", "2025-01"}) {
            assertThat(code(client.call("DescribeBillDownloadUrl", "{\"Month\":\"" + month + "\",\"FileType\":\"L3\"}")))
                    .as(month).isEqualTo("InvalidParameterValue.InvalidMonth");
        }
        assertThat(code(client.call("DescribeBillDownloadUrl", "{\"Month\":\"2022-06\",\"FileType\":\"L3\"}"))).isNull();
        assertThat(code(client.call("DescribeBillDownloadUrl", "{\"Month\":\"2023-10\",\"FileType\":\"L2\"}")))
                .isEqualTo("InvalidParameterValue.InvalidMonth");
        assertThat(code(client.call("DescribeCustomerBillDownloadUrl", "{\"Month\":\"2023-10\",\"FileType\":\"billResource\","
                + "\"CustomerUinType\":\"Customer\",\"CustomerUin\":" + simulator.data().customerUins().get(0) + "}")))
                .isEqualTo("InvalidParameterValue.InvalidMonth");
    }

    @Test
    void customerOutsideTheDataSetAndPacksNamingACustomer() {
        assertThat(code(client.call("DescribeCustomerBillDownloadUrl",
                "{\"Month\":\"2024-12\",\"FileType\":\"billDetail\",\"CustomerUinType\":\"Customer\",\"CustomerUin\":123}")))
                .isEqualTo("UnauthorizedOperation.UinNoAuth");
        assertThat(code(client.call("DescribeCustomerBillDownloadUrl", "{\"Month\":\"2024-12\",\"FileType\":\"billDetailPack\","
                + "\"CustomerUinType\":\"Customer\",\"CustomerUin\":" + simulator.data().customerUins().get(0) + "}")))
                .isEqualTo("InvalidParameter");
        assertThat(code(client.call("DescribeCustomerBillDownloadUrl",
                "{\"Month\":\"2024-12\",\"FileType\":\"billDetailPack\",\"CustomerUinType\":\"Customer\"}"))).isNull();
    }

    @Test
    void customerUinPagesWithTotalAsString() {
        JsonNode first = client.call("DescribeCustomerUin", "{\"Page\":1,\"PageSize\":2}");
        JsonNode last = client.call("DescribeCustomerUin", "{\"Page\":3,\"PageSize\":2}");
        JsonNode beyond = client.call("DescribeCustomerUin", "{\"Page\":4,\"PageSize\":2}");

        assertThat(first.get("Total").isString()).isTrue();
        assertThat(first.get("Total").asString()).isEqualTo("5");
        assertThat(first.get("Data").get(0).get("CustomerUin").isString()).isTrue();
        assertThat(first.get("Data").get(0).get("CustomerUin").asString())
                .isEqualTo(simulator.data().customerUins().get(0).toString());
        assertThat(first.get("Data")).hasSize(2);
        assertThat(last.get("Data").get(0).get("CustomerUin").asString())
                .isEqualTo(simulator.data().customerUins().get(4).toString());
        assertThat(beyond.get("Data")).isEmpty();
        assertThat(code(client.call("DescribeCustomerUin", "{\"Page\":0,\"PageSize\":2}"))).isEqualTo("InvalidParameter.Page");
        assertThat(code(client.call("DescribeCustomerUin", "{\"Page\":1,\"PageSize\":101}"))).isEqualTo("InvalidParameter.Page");
    }

    private String codeAs(TestClient.Signing signing) {
        return code(client.callAs(signing, "DescribeBillDownloadUrl", OWN_L3));
    }

    private static String code(JsonNode response) {
        assertThat(response.get("RequestId").asString()).isNotBlank();
        return TestClient.errorCode(response);
    }
}
