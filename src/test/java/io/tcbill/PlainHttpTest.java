package io.tcbill;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PlainHttpTest {

    @ParameterizedTest(name = "{0} allowed={1} -> {2}")
    @CsvSource({
        "https://s3.example.com, false, true",
        "http://127.0.0.1:9000, false, true",
        "http://127.8.9.10, false, true",
        "http://localhost:8080, false, true",
        "http://LOCALHOST., false, true",
        "http://[::1]:9000, false, true",
        "http://minio:9000, false, false",
        "http://127.0.0.1.example.com, false, false",
        "http://localhost.example.com, false, false",
        "http://10.0.0.5:9000, false, false",
        "http://minio:9000, true, true",
        "ftp://127.0.0.1, true, false",
        "file:///etc/passwd, true, false"})
    void httpsAlwaysPlainHttpOnlyToLoopbackOrWhenAllowed(String url, boolean allowed, boolean permitted) {
        assertThat(PlainHttp.permitted(URI.create(url), allowed)).isEqualTo(permitted);
    }
}
