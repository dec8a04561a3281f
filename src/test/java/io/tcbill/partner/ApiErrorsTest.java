package io.tcbill.partner;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ApiErrorsTest {

    @ParameterizedTest
    @ValueSource(strings = {"RequestLimitExceeded", "RequestLimitExceeded.UinLimitExceeded",
            "RequestLimitExceeded.IPLimitExceeded", "OperationDenied.ServiceBusy", "InternalError", "ServiceUnavailable",
            "ResourceUnavailable", "HttpStatus500", "HttpStatus503", "HttpStatus429", "Timeout", "NetworkError"})
    void transientCodes(String code) {
        assertThat(ApiErrors.isTransient(code)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"AuthFailure.SignatureFailure", "AuthFailure.SignatureExpire", "InvalidParameter",
            "InvalidParameter.Page", "InvalidParameterValue.InvalidMonth", "MissingParameter",
            "UnauthorizedOperation.UinNoAuth", "InvalidAction", "FailedOperation", "RequestSizeLimitExceeded",
            "HttpStatus404", "HttpStatus403", "InvalidResponse", "MissingCredentials"})
    void terminalCodes(String code) {
        assertThat(ApiErrors.isTransient(code)).isFalse();
    }

    @Test
    void messageNamesActionCodeRequestIdAndHint() {
        PartnerApiException e = new PartnerApiException("DescribeCustomerBillDetail", "UnauthorizedOperation.UinNoAuth",
                "no permission", "r-1", false);
        assertThat(e.getMessage()).isEqualTo("DescribeCustomerBillDetail failed with UnauthorizedOperation.UinNoAuth:"
                + " no permission (RequestId r-1). This account may not call this action: check tcbill.api.role"
                + " (customer or reseller) and the CAM permissions of the API key.");
    }

    @Test
    void signedUrlsAndSignaturesAreCut() {
        assertThat(ApiErrors.sanitize("see https://a.b/c.csv?sign=x&t=1 and Signature=72e494ea809ad7a8c8f7a4507b9bddcb"))
                .isEqualTo("see https://a.b/c.csv?… and Signature=…");
    }

    @Test
    void downloadLinkNeverPrintsItsQuery() {
        DownloadLink link = new DownloadLink(true, "https://x.cos.ap-singapore.myqcloud.com/L3.csv?q-signature=abc#f");
        assertThat(link.toString()).isEqualTo(
                "DownloadLink[ready=true, downloadUrl=https://x.cos.ap-singapore.myqcloud.com/L3.csv?…]");
        assertThat(new DownloadLink(false, null).usable()).isFalse();
    }

    @Test
    void printableRemovesTerminalEscapesAndTurnsControlCharactersIntoOneSpace() {
        String forged = "denied\r\n2026-12-07 06:00:00 INFO forged\u001b[31m red\u001b[0m\u001b]0;title\u0007\ttab\u2029x\u202Eevil";
        assertThat(ApiErrors.printable(forged)).isEqualTo("denied 2026-12-07 06:00:00 INFO forged red tab x evil");
        assertThat(ApiErrors.codeOf("AuthFailure\n.Forged line")).isEqualTo("AuthFailure_.Forged_line");
    }
}
