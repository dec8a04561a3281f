package io.tcbill.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.YearMonth;
import java.util.List;

import org.junit.jupiter.api.Test;

class HostAllowListTest {

    private final HostAllowList cos = new HostAllowList(List.of("*.myqcloud.com", "Bills.Example.org", "127.0.0.1",
            "localhost"), false);
    private final RawTarget target = new RawTarget("l3", YearMonth.of(2024, 5), 800001608331L);

    @Test
    void wildcardMatchesAnySubdomainButNotTheDomainOrLookalikes() {
        assertThat(cos.allows("partner-bill-xxxx.cos.ap-singapore.myqcloud.com")).isTrue();
        assertThat(cos.allows("X.MYQCLOUD.COM")).isTrue();
        assertThat(cos.allows("x.myqcloud.com.")).isTrue();
        assertThat(cos.allows("myqcloud.com")).isFalse();
        assertThat(cos.allows("myqcloud.com.evil.com")).isFalse();
        assertThat(cos.allows("evilmyqcloud.com")).isFalse();
        assertThat(cos.allows("x.myqcloud.co")).isFalse();
    }

    @Test
    void exactNamesMatchExactlyIgnoringCase() {
        assertThat(cos.allows("bills.example.org")).isTrue();
        assertThat(cos.allows("x.bills.example.org")).isFalse();
        assertThat(cos.allows("example.org")).isFalse();
    }

    @Test
    void refusesOtherHostsNamingTheHostAndTheSetting() {
        assertThatThrownBy(() -> cos.check("https://evil.com/L3.csv?q-signature=abc&sign=x", target))
                .isInstanceOfSatisfying(TransferException.class, e -> assertThat(e.isTransient()).isFalse())
                .hasMessageContaining("evil.com")
                .hasMessageContaining("tcbill.download.allowed-hosts")
                .hasMessageContaining("TCBILL_DOWNLOAD_ALLOWED_HOSTS")
                .hasMessageContaining("l3 2024-05 customer 800001608331")
                .message().doesNotContain("q-signature", "?");
    }

    @Test
    void refusesSchemesOtherThanHttp() {
        assertThatThrownBy(() -> cos.check("ftp://a.myqcloud.com/L3.csv?q-signature=abc", target))
                .isInstanceOf(TransferException.class).hasMessageContaining("not http(s)")
                .message().doesNotContain("q-signature");
        assertThatThrownBy(() -> cos.check("file:///etc/passwd", target)).isInstanceOf(TransferException.class);
        assertThatThrownBy(() -> cos.check("", target)).isInstanceOf(TransferException.class);
    }

    @Test
    void acceptsAnAllowedHttpsLink() {
        assertThat(cos.check("https://a.cos.ap-singapore.myqcloud.com/L3.csv?q-sign-time=1", target).getHost())
                .isEqualTo("a.cos.ap-singapore.myqcloud.com");
    }

    @Test
    void plainHttpToARemoteHostIsRefusedNamingTheHostButNotTheLink() {
        // given an allowed remote host and a plain http link to it
        String link = "http://a.cos.ap-singapore.myqcloud.com/L3.csv?q-signature=abc&sign=x";

        // when / then: terminal, names the host and the setting, never the signed query
        assertThatThrownBy(() -> cos.check(link, target))
                .isInstanceOfSatisfying(TransferException.class, e -> assertThat(e.isTransient()).isFalse())
                .hasMessageContaining("plain http to a.cos.ap-singapore.myqcloud.com")
                .hasMessageContaining("tcbill.download.allow-insecure-http=true")
                .hasMessageContaining("l3 2024-05 customer 800001608331")
                .message().doesNotContain("q-signature", "L3.csv");
    }

    @Test
    void plainHttpToALoopbackHostIsAccepted() {
        assertThat(cos.check("http://127.0.0.1:8080/L3.csv?sign=x", target).getPort()).isEqualTo(8080);
        assertThat(cos.check("http://localhost:8080/L3.csv", target).getHost()).isEqualTo("localhost");
    }

    @Test
    void plainHttpToARemoteHostIsAcceptedWhenExplicitlyAllowed() {
        HostAllowList insecure = new HostAllowList(List.of("*.myqcloud.com"), true);

        assertThat(insecure.check("http://a.cos.ap-singapore.myqcloud.com/L3.csv", target).getHost())
                .isEqualTo("a.cos.ap-singapore.myqcloud.com");
    }
}
