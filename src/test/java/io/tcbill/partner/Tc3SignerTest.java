package io.tcbill.partner;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The golden vectors of partner-api.md §3.3. */
class Tc3SignerTest {

    private static final String CVM_BODY =
            "{\"Limit\": 1, \"Filters\": [{\"Values\": [\"\\u672a\\u547d\\u540d\"], \"Name\": \"instance-name\"}]}";
    private static final String CVM_HEADERS = "content-type:application/json; charset=utf-8\nhost:cvm.tencentcloudapi.com\n";

    @Test
    void payloadHashOfTheOfficialExample() {
        assertThat(Tc3Signer.sha256Hex(CVM_BODY))
                .isEqualTo("35e9c5b0e3ae67532d3c9f17ead6c90222632e5b1ff7f6e89887f1398934f064");
    }

    @Test
    void vectorA_olderDocExample() {
        String auth = Tc3Signer.authorization("AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE", "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE",
                "cvm", "cvm.tencentcloudapi.com", 1551113065L, CVM_BODY);
        assertThat(auth).isEqualTo("TC3-HMAC-SHA256 Credential=AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE/2019-02-25/cvm/tc3_request,"
                + " SignedHeaders=content-type;host,"
                + " Signature=72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168");
    }

    @Test
    void vectorAPrime_maskedKey() {
        assertThat(Tc3Signer.signature("Gu5t9xGARNpq86cd98joQYCN3*******", "cvm", CVM_HEADERS, "content-type;host",
                1551113065L, CVM_BODY)).isEqualTo("2230eefd229f582d8b1b891af7107b91597240707d778ab3738f756258d7652c");
    }

    @Test
    void vectorB_currentDocWithActionHeaderSigned() {
        String headers = CVM_HEADERS + "x-tc-action:describeinstances\n";
        assertThat(Tc3Signer.signature("*".repeat(32), "cvm", headers, "content-type;host;x-tc-action",
                1551113065L, CVM_BODY)).isEqualTo("10b1a37a7301a02ca19a647ad722d5e43b4b3cff309d421d85b46093f6ab6c4f");
    }

    @Test
    void vectorC_partnerHostSignsWithServiceIntlpartnersmgt() {
        String body = "{\"Month\":\"2024-12\",\"FileType\":\"L3\"}";
        assertThat(Tc3Signer.sha256Hex(body)).isEqualTo("bf6ce724d7f92c1f8fcc5ac78e74955b0bb0248db2f426cf5debfe374ba0434a");
        String auth = Tc3Signer.authorization("AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE", "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE",
                "intlpartnersmgt", "intlpartnersmgt.intl.tencentcloudapi.com", 1735689600L, body);
        assertThat(auth).endsWith("Signature=29114adf9fd66e3ebe162e51cd5507448dc1fda301a4852fd1af20c9900beea9")
                .contains("/2025-01-01/intlpartnersmgt/tc3_request");
    }
}
