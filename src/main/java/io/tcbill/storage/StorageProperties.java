package io.tcbill.storage;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
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
 */
@ConfigurationProperties("tcbill.storage")
public record StorageProperties(String endpoint, @DefaultValue("tcbill") String bucket,
                                @DefaultValue("us-east-1") String region, String accessKey, String secretKey,
                                @DefaultValue("true") boolean pathStyle,
                                @DefaultValue("data/objects") Path embeddedDir) {

    public StorageProperties {
        endpoint = endpoint == null ? "" : endpoint.trim();
        bucket = blank(bucket) ? "tcbill" : bucket.trim();
        region = blank(region) ? "us-east-1" : region.trim();
        embeddedDir = embeddedDir == null ? Path.of("data/objects") : embeddedDir;
    }

    /** Properties for the embedded store under {@code dir} (demo, tests). */
    public static StorageProperties embedded(Path dir) {
        return new StorageProperties("", "tcbill", "us-east-1", null, null, true, dir);
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
                + ", pathStyle=" + pathStyle + ", embeddedDir=" + embeddedDir + "]";
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
