package io.tcbill.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RedactionTest {

    @Test
    void urlKeepsHostAndPathAndDropsTheQuery() {
        assertThat(Redaction.url("https://b.cos.ap-singapore.myqcloud.com/bill/L3.csv?q-sign-algorithm=sha1"
                + "&q-ak=AKID&q-signature=0123abcd"))
                .isEqualTo("https://b.cos.ap-singapore.myqcloud.com/bill/L3.csv?…");
        assertThat(Redaction.url("https://s3.amazonaws.com/b/k?X-Amz-Signature=ff&Signature=aa"))
                .isEqualTo("https://s3.amazonaws.com/b/k?…");
        assertThat(Redaction.url("https://host/file.csv")).isEqualTo("https://host/file.csv");
        assertThat(Redaction.url("https://user:pw@host/f.csv#frag")).isEqualTo("https://host/f.csv?…");
    }

    @Test
    void textRedactsEveryUrlInAMessage() {
        assertThat(Redaction.text("GET https://h/a.csv?q-signature=1 failed; retry http://g/b?Signature=2."))
                .isEqualTo("GET https://h/a.csv?… failed; retry http://g/b?…")
                .doesNotContain("q-signature", "Signature=");
    }
}
