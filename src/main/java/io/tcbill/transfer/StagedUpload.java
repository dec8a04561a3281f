package io.tcbill.transfer;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;

/**
 * The bytes of one raw object on their way into storage, received in one or more pieces (a download resumed after a
 * broken connection continues at {@link #size()}). One part-size buffer is the only memory held: every byte is
 * hashed as it arrives, and each full buffer is uploaded as the next part of a multipart upload to a {@code tmp/}
 * staging key. The bytes of an incomplete part stay in the buffer between pieces, so nothing is lost and nothing
 * read twice. {@link #complete} writes the final key (one PutObject if everything fit in the buffer, else completes
 * the upload and copies it with the SHA-256 in its metadata); {@link #abort} leaves nothing behind. Not thread-safe.
 */
final class StagedUpload {

    private final S3Client s3;
    private final String bucket;
    private final ObjectCopier copier;
    private final String fileName;
    private final byte[] buffer;
    private final List<CompletedPart> parts = new ArrayList<>();
    private MessageDigest sha = RawObjectWriter.sha256();
    private int buffered;
    private long uploaded;
    private String staging;
    private String uploadId;

    StagedUpload(S3Client s3, String bucket, ObjectCopier copier, int partSize, String fileName) {
        this.s3 = s3;
        this.bucket = bucket;
        this.copier = copier;
        this.fileName = fileName;
        this.buffer = new byte[partSize];
    }

    /** Bytes received so far: the offset the next piece must start at. */
    long size() {
        return uploaded + buffered;
    }

    /**
     * Appends everything {@code in} yields until its end; on an {@link IOException} every byte read before it is kept.
     * Storage errors propagate as the SDK's exceptions, the bytes of the part that failed still buffered.
     */
    void receive(InputStream in) throws IOException {
        while (true) {
            if (buffered == buffer.length) {
                uploadPart();
            }
            int n = in.read(buffer, buffered, buffer.length - buffered);
            if (n < 0) {
                return;
            }
            sha.update(buffer, buffered, n);
            buffered += n;
        }
    }

    /**
     * Stores what was received under the key {@code finalKey} gives (asked once, now), verified by a HeadObject.
     * The staging object is removed whatever happens.
     */
    RawObject complete(Supplier<String> finalKey) {
        if (uploadId == null) {
            RawObject raw = new RawObject(finalKey.get(), RawObjectWriter.hex(sha), buffered, fileName);
            s3.putObject(b -> b.bucket(bucket).key(raw.key()).contentType(RawObjectWriter.contentType(fileName))
                    .metadata(RawObjectWriter.metadata(raw)), bytes(buffered));
            return verifyStored(raw);
        }
        if (buffered > 0) {
            uploadPart();
        }
        long size = uploaded;
        String key = staging;
        String id = uploadId;
        s3.completeMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(id).multipartUpload(m -> m.parts(parts)));
        uploadId = null;
        try {
            RawObject raw = new RawObject(finalKey.get(), RawObjectWriter.hex(sha), size, fileName);
            copier.copy(key, raw.key(), size, RawObjectWriter.metadata(raw), RawObjectWriter.contentType(fileName));
            return verifyStored(raw);
        } finally {
            RawObjectWriter.deleteQuietly(s3, bucket, key);
            staging = null;
        }
    }

    /** Forgets every byte received and aborts the multipart upload, to start again from byte 0. */
    void restart() {
        abort();
        sha = RawObjectWriter.sha256();
        buffered = 0;
        uploaded = 0;
        parts.clear();
    }

    /** Aborts the multipart upload, if one is open, and deletes the staging object; safe to call twice. */
    void abort() {
        if (uploadId != null) {
            RawObjectWriter.abortQuietly(s3, bucket, staging, uploadId);
            uploadId = null;
        }
        if (staging != null) {
            RawObjectWriter.deleteQuietly(s3, bucket, staging);
            staging = null;
        }
    }

    private void uploadPart() {
        if (uploadId == null) {
            String key = "tmp/" + UUID.randomUUID();
            uploadId = s3.createMultipartUpload(b -> b.bucket(bucket).key(key)).uploadId();
            staging = key;
        }
        int partNumber = parts.size() + 1;
        int length = buffered;
        String key = staging;
        String id = uploadId;
        String etag = s3.uploadPart(b -> b.bucket(bucket).key(key).uploadId(id).partNumber(partNumber)
                .contentLength((long) length), bytes(length)).eTag();
        parts.add(CompletedPart.builder().partNumber(partNumber).eTag(etag).build());
        uploaded += length;
        buffered = 0;
    }

    /** HeadObject the final key; a size that differs deletes the object (it is ours: the key was new). */
    private RawObject verifyStored(RawObject raw) {
        long stored = s3.headObject(b -> b.bucket(bucket).key(raw.key())).contentLength();
        if (stored != raw.size()) {
            RawObjectWriter.deleteQuietly(s3, bucket, raw.key());
            throw TransferException.retryable("stored object " + raw.key() + " has " + stored + " bytes, wrote "
                    + raw.size(), null);
        }
        return raw;
    }

    private RequestBody bytes(int length) {
        // a fresh view of the same buffer per (re)try of the request; nothing is copied
        return RequestBody.fromContentProvider(() -> new ByteArrayInputStream(buffer, 0, length), length,
                "application/octet-stream");
    }
}
