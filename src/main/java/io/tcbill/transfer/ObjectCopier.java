package io.tcbill.transfer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.MetadataDirective;

/**
 * Server-side copy of a staged object to its final key with new metadata: one CopyObject up to the 5 GiB S3 limit,
 * above it a multipart copy (UploadPartCopy by byte ranges). No bytes pass through this JVM.
 */
final class ObjectCopier {

    static final long SINGLE_COPY_LIMIT = 5L * 1024 * 1024 * 1024;
    private static final long COPY_PART_SIZE = 1024L * 1024 * 1024;

    private final S3Client s3;
    private final String bucket;
    private final long singleCopyLimit;
    private final long copyPartSize;

    ObjectCopier(S3Client s3, String bucket) {
        this(s3, bucket, SINGLE_COPY_LIMIT, COPY_PART_SIZE);
    }

    ObjectCopier(S3Client s3, String bucket, long singleCopyLimit, long copyPartSize) {
        this.s3 = s3;
        this.bucket = bucket;
        this.singleCopyLimit = singleCopyLimit;
        this.copyPartSize = copyPartSize;
    }

    void copy(String from, String to, long size, Map<String, String> metadata, String contentType) {
        if (size <= singleCopyLimit) {
            s3.copyObject(b -> b.sourceBucket(bucket).sourceKey(from).destinationBucket(bucket).destinationKey(to)
                    .metadataDirective(MetadataDirective.REPLACE).metadata(metadata).contentType(contentType));
            return;
        }
        String uploadId = s3.createMultipartUpload(b -> b.bucket(bucket).key(to).metadata(metadata)
                .contentType(contentType)).uploadId();
        boolean done = false;
        try {
            List<CompletedPart> parts = new ArrayList<>();
            for (long start = 0; start < size; start += copyPartSize) {
                int partNumber = parts.size() + 1;
                String range = "bytes=" + start + "-" + (Math.min(start + copyPartSize, size) - 1);
                String etag = s3.uploadPartCopy(b -> b.sourceBucket(bucket).sourceKey(from).destinationBucket(bucket)
                        .destinationKey(to).uploadId(uploadId).partNumber(partNumber).copySourceRange(range))
                        .copyPartResult().eTag();
                parts.add(CompletedPart.builder().partNumber(partNumber).eTag(etag).build());
            }
            s3.completeMultipartUpload(b -> b.bucket(bucket).key(to).uploadId(uploadId)
                    .multipartUpload(m -> m.parts(parts)));
            done = true;
        } finally {
            if (!done) {
                RawObjectWriter.abortQuietly(s3, bucket, to, uploadId);
            }
        }
    }
}
