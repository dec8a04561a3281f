package io.tcbill.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** The storage endpoint's transport rule: https, or plain http only to loopback or when explicitly allowed. */
class StoragePropertiesTest {

    private static StorageProperties endpoint(String endpoint, boolean allowInsecureHttp) {
        return new StorageProperties(endpoint, null, null, "AKIA1", "s3cr3t", true, null, allowInsecureHttp);
    }

    @Test
    void anHttpsEndpointIsAccepted() {
        assertThat(endpoint("https://s3.example.com", false).endpoint()).isEqualTo("https://s3.example.com");
    }

    @Test
    void plainHttpToALoopbackHostIsAccepted() {
        assertThat(endpoint("http://127.0.0.1:9000", false)).isNotNull();
        assertThat(endpoint("http://localhost:9000", false)).isNotNull();
        assertThat(endpoint("http://[::1]:9000", false)).isNotNull();
    }

    @Test
    void plainHttpToARemoteHostIsRefusedNamingTheSettingAndTheFix() {
        assertThatIllegalArgumentException().isThrownBy(() -> endpoint("http://minio:9000", false))
                .withMessageContaining("tcbill.storage.endpoint uses plain http to minio")
                .withMessageContaining("tcbill.storage.allow-insecure-http=true")
                .withMessageContaining("TCBILL_STORAGE_ALLOW_INSECURE_HTTP");
        assertThatIllegalArgumentException().isThrownBy(() -> endpoint("http://127.0.0.1.evil.com:9000", false));
    }

    @Test
    void plainHttpToARemoteHostIsAcceptedWhenExplicitlyAllowed() {
        assertThat(endpoint("http://minio:9000", true).allowInsecureHttp()).isTrue();
    }

    @Test
    void anEndpointThatIsNotAnHttpUrlIsRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> endpoint("minio:9000", false))
                .withMessageContaining("tcbill.storage.endpoint must be an https:// URL");
        assertThatIllegalArgumentException().isThrownBy(() -> endpoint("ftp://minio", true));
    }

    @Test
    void springBindsTheKebabCaseKey() {
        Binder binder = new Binder(new MapConfigurationPropertySource(Map.of(
                "tcbill.storage.endpoint", "http://minio:9000", "tcbill.storage.allow-insecure-http", "true")));

        StorageProperties p = binder.bindOrCreate("tcbill.storage", StorageProperties.class);

        assertThat(p.allowInsecureHttp()).isTrue();
        assertThat(p.bucket()).isEqualTo("tcbill");
    }

    @Test
    void anEmptyEndpointMeansTheEmbeddedStore() {
        assertThat(endpoint(" ", false).useEmbedded()).isTrue();
    }
}
