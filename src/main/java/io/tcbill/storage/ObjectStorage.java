package io.tcbill.storage;

import java.net.URI;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The S3 client tcbill uses, with the bucket it writes to. Built once from {@link StorageProperties}; thread-safe.
 * With no endpoint configured it starts (and on {@link #close()} stops) an {@link EmbeddedObjectStore}. The bucket is
 * created when missing; a bucket that cannot be read or created fails construction with a message saying what to fix.
 */
public final class ObjectStorage implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ObjectStorage.class);

    private final EmbeddedObjectStore embedded;
    private final S3Client client;
    private final String bucket;
    private final URI endpoint;

    public ObjectStorage(StorageProperties p) {
        this.bucket = p.bucket();
        this.embedded = p.useEmbedded() ? EmbeddedObjectStore.start(p.embeddedDir()) : null;
        this.endpoint = embedded != null ? embedded.endpoint() : URI.create(p.endpoint());
        this.client = S3Client.builder() // HTTP client: the SDK default, apache5 (a runtime dependency of s3)
                .endpointOverride(endpoint)
                .forcePathStyle(p.pathStyle())
                .region(Region.of(p.region()))
                .credentialsProvider(credentials(p, embedded))
                // MinIO / S3Proxy compatibility: no flexible checksums unless the operation requires one
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .build();
        try {
            new BucketCheck(client, bucket, endpoint).ensureExists();
        } catch (SdkClientException e) {
            close();
            // no cause, so that the start-up error (the innermost message) is this line, not the SDK's; the SDK's
            // exception stays attached, as a suppressed one
            IllegalStateException unreachable = new IllegalStateException(
                    StorageUnreachable.describe(endpoint, embedded != null, e));
            unreachable.addSuppressed(e);
            throw unreachable;
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        log.info("Object storage: bucket {} at {}{}", bucket, endpoint, embedded != null ? " (embedded)" : "");
    }

    public S3Client client() {
        return client;
    }

    public String bucket() {
        return bucket;
    }

    public URI endpoint() {
        return endpoint;
    }

    /**
     * One line saying that storage could not be reached for {@code failure} (an SDK client error): where, the setting
     * it came from and what to check; never credentials.
     */
    public String unreachable(Throwable failure) {
        return StorageUnreachable.describe(endpoint, embedded != null, failure);
    }

    @Override
    public void close() {
        try {
            client.close();
        } finally {
            if (embedded != null) {
                embedded.close();
            }
        }
    }

    private static AwsCredentialsProvider credentials(StorageProperties p, EmbeddedObjectStore embedded) {
        if (embedded != null) {
            return StaticCredentialsProvider.create(AwsBasicCredentials.create(embedded.accessKey(), embedded.secretKey()));
        }
        if (p.hasStaticKeys()) {
            return StaticCredentialsProvider.create(AwsBasicCredentials.create(p.accessKey(), p.secretKey()));
        }
        return DefaultCredentialsProvider.builder().build();
    }

    /** HeadBucket, then CreateBucket on 404; 403 and other refusals become a configuration error. */
    private record BucketCheck(S3Client s3, String bucket, URI endpoint) {

        void ensureExists() {
            try {
                s3.headBucket(b -> b.bucket(bucket));
                return;
            } catch (S3Exception e) {
                if (e.statusCode() != 404) {
                    throw refused("cannot access", e);
                }
            }
            try {
                s3.createBucket(b -> b.bucket(bucket));
                log.info("Created bucket {} at {}", bucket, endpoint);
            } catch (S3Exception e) {
                throw refused("cannot create missing", e);
            }
        }

        private IllegalStateException refused(String what, S3Exception e) {
            String hint = e.statusCode() == 403
                    ? "; check tcbill.storage.access-key/secret-key (TCBILL_STORAGE_ACCESS_KEY/TCBILL_STORAGE_SECRET_KEY) "
                      + "and that they may list and create the bucket, or create it beforehand"
                    : "";
            return new IllegalStateException(what + " bucket " + bucket + " at " + endpoint + ": HTTP " + e.statusCode()
                    + " " + errorCode(e) + hint, e);
        }

        private static String errorCode(S3Exception e) {
            return e.awsErrorDetails() != null && e.awsErrorDetails().errorCode() != null
                    ? e.awsErrorDetails().errorCode() : "";
        }
    }
}
