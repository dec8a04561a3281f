package io.tcbill.alert;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The last guard on an alert's words: no URL path or query, no credentials-like pair, bounded lines. */
class AlertTextTest {

    @Test
    void aSignedUrlInAFailureReasonKeepsOnlyItsSchemeAndHost() {
        String reason = "customer 100001: download of https://tcb-bill-1250000000.cos.ap-singapore.myqcloud.com/"
                + "bills/2026-05/l3.csv?q-sign-algorithm=sha1&q-ak=AKIDabc&q-signature=0a1b2c failed: HTTP 403";

        String scrubbed = AlertText.scrub(reason);

        assertThat(scrubbed).isEqualTo("customer 100001: download of https://tcb-bill-1250000000.cos.ap-singapore"
                + ".myqcloud.com/… failed: HTTP 403");
    }

    @Test
    void credentialsInAUrlABareQueryAndSecretPairsAreDropped() {
        assertThat(AlertText.scrub("at http://user:pw@10.0.0.5:9000/bucket/key")).isEqualTo("at http://10.0.0.5:9000/…");
        assertThat(AlertText.scrub("GET /bills/l3.csv?X-Amz-Signature=abc&X-Amz-Credential=AKIA done"))
                .isEqualTo("GET /bills/l3.csv?… done");
        assertThat(AlertText.scrub("sent SecretKey=abc123, token=xyz and q-signature=f00"))
                .isEqualTo("sent SecretKey=…, token=… and q-signature=…");
    }

    @Test
    void outcomeDataPassesUnchangedAndALongLineIsBounded() {
        String line = "customer 100002: UNRECONCILED, L3 total 105.00 vs summary 110.00 (largest difference 5.00)";
        assertThat(AlertText.scrub(line)).isEqualTo(line);
        assertThat(AlertText.scrub("x".repeat(1000))).hasSize(AlertText.MAX_LINE).endsWith("…");
        assertThat(AlertText.scrub("two\nlines")).isEqualTo("two lines");
    }
}
