package io.tcbill.storage;

import io.tcbill.PlainHttp;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Locale;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where raw files are stored ({@code tcbill.storage.*}).
 *
 * @param endpoint    S3 endpoint URL, e.g. {@code http://minio:9000}; empty = start the embedded store under {@code embeddedDir}
 * @param bucket      bucket that holds the raw zone; created if missing
 * @param region      signing region (any value for MinIO/S3Proxy)
 * @param accessKey   access key; empty with a real endpoint = the AWS SDK default credentials chain
 * @param secretKey   secret key, from the environment only ({@code TCBILL_STORAGE_SECRET_KEY}); never printed
 * @param pathStyle   path-style requests ({@code http://host/bucket/key}), needed by MinIO and S3Proxy
 * @param embeddedDir directory of the embedded store, used only when {@code endpoint} is empty
 * @param allowInsecureHttp allow an {@code http://} endpoint on a non-loopback host (a trusted private network,
 *                    e.g. MinIO on a compose network); otherwise such an endpoint is refused at start-up
 */
@ConfigurationProperties("tcbill.storage")
public record StorageProperties(String endpoint, @DefaultValue("tcbill") String bucket,
                                @DefaultValue("us-east-1") String region, String accessKey, String secretKey,
                                @DefaultValue("true") boolean pathStyle,
                                @DefaultValue("data/objects") Path embeddedDir,
                                @DefaultValue("false") boolean allowInsecureHttp) {

    @ConstructorBinding
    public StorageProperties {
        endpoint = endpoint == null ? "" : endpoint.trim();
        bucket = blank(bucket) ? "tcbill" : bucket.trim();
        region = blank(region) ? "us-east-1" : region.trim();
        embeddedDir = embeddedDir == null ? Path.of("data/objects") : embeddedDir;
        if (!endpoint.isEmpty()) {
            checkEndpoint(endpoint, allowInsecureHttp);
        }
    }

    /** The same with plain http refused to non-loopback hosts. */
    public StorageProperties(String endpoint, String bucket, String region, String accessKey, String secretKey,
                             boolean pathStyle, Path embeddedDir) {
        this(endpoint, bucket, region, accessKey, secretKey, pathStyle, embeddedDir, false);
    }

    /** Properties for the embedded store under {@code dir} (demo, tests). */
    public static StorageProperties embedded(Path dir) {
        return new StorageProperties("", "tcbill", "us-east-1", null, null, true, dir, false);
    }

    /** An http(s) URL with a host; plain http only to a loopback host unless allowed ({@link PlainHttp}). */
    private static void checkEndpoint(String endpoint, boolean allowInsecureHttp) {
        URI uri;
        try {
            uri = new URI(endpoint);
        } catch (URISyntaxException e) {
            uri = null;
        }
        String scheme = uri == null || uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (uri == null || uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
            throw new IllegalArgumentException("tcbill.storage.endpoint must be an https:// URL with a host (e.g."
                    + " https://s3.example.com), or empty for the embedded store");
        }
        if (!PlainHttp.permitted(uri, allowInsecureHttp)) {
            throw new IllegalArgumentException("tcbill.storage.endpoint uses plain http to " + uri.getHost()
                    + ", which is not a loopback host; use an https:// endpoint, or set"
                    + " tcbill.storage.allow-insecure-http=true (env TCBILL_STORAGE_ALLOW_INSECURE_HTTP) for storage on"
                    + " a trusted private network");
        }
    }

    boolean useEmbedded() {
        return endpoint.isEmpty();
    }

    boolean hasStaticKeys() {
        return !blank(accessKey) && !blank(secretKey);
    }

    @Override
    public String toString() {
        return "StorageProperties[endpoint=" + endpoint + ", bucket=" + bucket + ", region=" + region
                + ", accessKey=" + accessKey + ", secretKey=" + (blank(secretKey) ? "<none>" : "<redacted>")
                + ", pathStyle=" + pathStyle + ", embeddedDir=" + embeddedDir
                + ", allowInsecureHttp=" + allowInsecureHttp + "]";
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
