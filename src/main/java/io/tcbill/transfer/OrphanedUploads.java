package io.tcbill.transfer;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Cleans up after crashes: a transfer aborts its own multipart upload on failure, but a killed process (SIGKILL, OOM,
 * a lost node) leaves its upload pending, invisible but holding its parts (they cost storage and never expire unless a
 * bucket lifecycle rule says so). A multipart upload under {@code raw/} or {@code tmp/}, or an object under {@code tmp/} (where earlier
 * versions staged objects), older than {@code tcbill.download.orphaned-upload-age} cannot belong to a running transfer
 * and is aborted or deleted.
 */
final class OrphanedUploads {

    static final String STAGING_PREFIX = "tmp/";
    private static final Logger log = LoggerFactory.getLogger(OrphanedUploads.class);

    private final S3Client s3;
    private final String bucket;
    private final Duration age;
    private final Clock clock;
    private Instant lastSweep;

    OrphanedUploads(S3Client s3, String bucket, Duration age, Clock clock) {
        this.s3 = s3;
        this.bucket = bucket;
        this.age = age;
        this.clock = clock;
    }

    /** Sweeps unless this instance swept within the last hour; a failed sweep is logged, never thrown. */
    void sweepIfDue() {
        synchronized (this) {
            Instant now = clock.instant();
            if (lastSweep != null && now.isBefore(lastSweep.plus(Duration.ofHours(1)))) {
                return;
            }
            lastSweep = now;
        }
        try {
            sweep();
        } catch (SdkException e) {
            log.warn("Could not clean up orphaned uploads in bucket {}: {}", bucket, e.getMessage());
        }
    }

    /** Aborts the multipart uploads and deletes the objects under {@code tmp/} older than the age; returns how many. */
    int sweep() {
        Instant cutoff = clock.instant().minus(age);
        int cleaned = 0;
        for (String prefix : List.of(RawKeys.RAW_PREFIX, STAGING_PREFIX)) {
            for (MultipartUpload upload : s3.listMultipartUploadsPaginator(b -> b.bucket(bucket).prefix(prefix)).uploads()) {
                if (upload.initiated() != null && upload.initiated().isBefore(cutoff)) {
                    RawObjectWriter.abortQuietly(s3, bucket, upload.key(), upload.uploadId());
                    log.warn("Aborted orphaned multipart upload {} of {} in bucket {}, initiated {}", upload.uploadId(),
                            upload.key(), bucket, upload.initiated());
                    cleaned++;
                }
            }
        }
        for (S3Object object : s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(STAGING_PREFIX)).contents()) {
            if (object.lastModified() != null && object.lastModified().isBefore(cutoff)) {
                RawObjectWriter.deleteQuietly(s3, bucket, object.key());
                log.warn("Deleted orphaned staging object {} ({} bytes) in bucket {}, last modified {}", object.key(),
                        object.size(), bucket, object.lastModified());
                cleaned++;
            }
        }
        return cleaned;
    }
}
