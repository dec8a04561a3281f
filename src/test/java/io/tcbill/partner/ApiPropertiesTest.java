package io.tcbill.partner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import io.tcbill.feed.Role;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class ApiPropertiesTest {

    private static final String KEY = "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE";
    private static final String ID = "AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE";

    private static ApiProperties with(URI endpoint, boolean allowInsecureHttp) {
        return new ApiProperties(endpoint, null, ID, KEY, null, null, null, null, null, 6, null, null,
                allowInsecureHttp, Map.of());
    }

    @Test
    void defaultsMatchTheDocumentedApi() {
        ApiProperties p = ApiProperties.of(null, ID, KEY);
        assertThat(p.endpoint()).isEqualTo(URI.create("https://intlpartnersmgt.intl.tencentcloudapi.com"));
        assertThat(p.service()).isEqualTo("intlpartnersmgt");
        assertThat(p.version()).isEqualTo("2022-09-28");
        assertThat(p.role()).isEqualTo(Role.RESELLER);
        assertThat(p.readTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(p.responseTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(p.hasCredentials()).isTrue();
    }

    @Test
    void responseTimeoutBindsFromItsKeyAndMustBePositive() {
        Binder binder = new Binder(new MapConfigurationPropertySource(Map.of("tcbill.api.response-timeout", "90s")));
        assertThat(binder.bindOrCreate("tcbill.api", ApiProperties.class).responseTimeout())
                .isEqualTo(Duration.ofSeconds(90));
        assertThatIllegalArgumentException().isThrownBy(() -> new ApiProperties(null, null, ID, KEY, null, null, null,
                null, null, 6, null, null, false, null, Duration.ZERO)).withMessageContaining("tcbill.api.response-timeout");
    }

    @Test
    void toStringRedactsBothHalvesOfTheKeyPair() {
        String text = ApiProperties.of(null, ID, KEY).toString();
        assertThat(text).doesNotContain(KEY).doesNotContain(ID).contains("secretKey=<redacted>");
        assertThat(ApiProperties.of(null, null, " ").toString()).contains("secretId=<unset>", "secretKey=<unset>");
        assertThat(ApiProperties.of(null, null, " ").hasCredentials()).isFalse();
    }

    @Test
    void plainHttpOnlyToLoopbackUnlessAllowed() {
        assertThat(with(URI.create("http://127.0.0.1:8080"), false).endpoint().getPort()).isEqualTo(8080);
        assertThat(with(URI.create("http://localhost:8080"), false)).isNotNull();
        assertThat(with(URI.create("http://[::1]:8080"), false)).isNotNull();
        assertThat(with(URI.create("https://gateway.corp:8443"), false)).isNotNull();
        assertThatIllegalArgumentException().isThrownBy(() -> with(URI.create("http://gateway.corp:8080"), false))
                .withMessageContaining("tcbill.api.endpoint uses plain http to gateway.corp")
                .withMessageContaining("tcbill.api.allow-insecure-http=true");
        assertThat(with(URI.create("http://gateway.corp:8080"), true)).isNotNull();
        assertThatIllegalArgumentException().isThrownBy(() -> with(URI.create("ftp://x"), false));
    }

    @Test
    void roleBindsAsWrittenInAnyCase() {
        assertThat(bind("tcbill.api.role", "customer").role()).isEqualTo(Role.CUSTOMER);
        assertThat(bind("tcbill.api.role", "Reseller").role()).isEqualTo(Role.RESELLER);
        assertThat(bind("tcbill.api.role", "RESELLER").role()).isEqualTo(Role.RESELLER);
        assertThat(Role.CUSTOMER).hasToString("customer");
    }

    @Test
    void anotherRoleDoesNotBind() {
        assertThatExceptionOfType(BindException.class).isThrownBy(() -> bind("tcbill.api.role", "distributor"))
                .satisfies(e -> assertThat(e.getName()).hasToString("tcbill.api.role"));
    }

    private static ApiProperties bind(String key, String value) {
        return new Binder(new MapConfigurationPropertySource(Map.of(key, value))).bindOrCreate("tcbill.api",
                ApiProperties.class);
    }

    @Test
    void rateLimitsMustBePositive() {
        assertThatIllegalArgumentException().isThrownBy(() -> new ApiProperties(null, null, ID, KEY, null, null, null,
                null, null, 6, null, null, false, Map.of("DescribeCustomerUin", 0.0)));
    }

    @Test
    void hostHeaderCarriesOnlyANonDefaultPort() {
        assertThat(Tc3Transport.hostHeader(URI.create("http://127.0.0.1:18080/"))).isEqualTo("127.0.0.1:18080");
        assertThat(Tc3Transport.hostHeader(URI.create("https://intlpartnersmgt.intl.tencentcloudapi.com:443")))
                .isEqualTo("intlpartnersmgt.intl.tencentcloudapi.com");
        assertThat(Tc3Transport.hostHeader(URI.create("https://gw.corp:8443"))).isEqualTo("gw.corp:8443");
    }
}
