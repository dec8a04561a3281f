package io.tcbill.transfer;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;

/**
 * The bytes of one raw object on their way into storage, received in one or more pieces (a download resumed after a
 * broken connection continues at {@link #size()}). Every byte is hashed as it arrives into a part-size buffer; a full
 * buffer becomes the next part of a multipart upload to a {@code tmp/} staging key and is uploaded on another thread
 * while the next part is received into a second buffer, so the download never waits for the store unless the store
 * is the slower side. Two part-size buffers are the only memory held (one for a file that fits in a part). A part
 * that fails to upload keeps its bytes and is uploaded again before anything else, so nothing is lost and nothing read
 * twice. {@link #complete} writes the final key (one PutObject if everything fit in the buffer, else completes the
 * upload and copies it with the SHA-256 in its metadata); {@link #abort} leaves nothing behind. Not thread-safe.
 */
final class StagedUpload {

    private final S3Client s3;
    private final String bucket;
    private final ObjectCopier copier;
    private final Executor uploads;
    private final String fileName;
    private final int partSize;
    private final List<CompletedPart> parts = new ArrayList<>();
    private MessageDigest sha = RawObjectWriter.sha256();
    private byte[] buffer;
    private int buffered;
    private long uploaded;
    private String staging;
    private String uploadId;
    /** The part handed to the upload thread (or whose upload failed), not yet in {@link #parts}. */
    private Part pending;
    private byte[] spare;

    /** One full buffer on its way to the store. */
    private record Part(int number, byte[] bytes, int length, CompletableFuture<CompletedPart> upload) {
    }

    StagedUpload(S3Client s3, String bucket, ObjectCopier copier, Executor uploads, int partSize, String fileName) {
        this.s3 = s3;
        this.bucket = bucket;
        this.copier = copier;
        this.uploads = uploads;
        this.partSize = partSize;
        this.fileName = fileName;
        this.buffer = new byte[partSize];
    }

    /** Bytes received so far: the offset the next piece must start at. */
    long size() {
        return uploaded + (pending == null ? 0 : pending.length()) + buffered;
    }

    /**
     * Appends everything {@code in} yields until its end; on an {@link IOException} every byte read before it is kept.
     * Storage errors propagate as the SDK's exceptions, the bytes of the part that failed still held.
     */
    void receive(InputStream in) throws IOException {
        while (true) {
            if (buffered == buffer.length) {
                handOff();
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
                    .metadata(RawObjectWriter.metadata(raw)), bytes(buffer, buffered));
            return verifyStored(raw);
        }
        awaitPending();
        if (buffered > 0) {
            parts.add(uploadPart(parts.size() + 1, buffer, buffered));
            uploaded += buffered;
            buffered = 0;
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

    /** Waits for a part still uploading, aborts the multipart upload, if one is open, and deletes the staging object. */
    void abort() {
        if (pending != null) {
            pending.upload().exceptionally(e -> null).join();
            pending = null;
        }
        if (uploadId != null) {
            RawObjectWriter.abortQuietly(s3, bucket, staging, uploadId);
            uploadId = null;
        }
        if (staging != null) {
            RawObjectWriter.deleteQuietly(s3, bucket, staging);
            staging = null;
        }
    }

    /** Sends the full buffer as the next part on the upload thread and goes on in the other buffer. */
    private void handOff() {
        awaitPending();
        if (uploadId == null) {
            String key = "tmp/" + UUID.randomUUID();
            uploadId = s3.createMultipartUpload(b -> b.bucket(bucket).key(key)).uploadId();
            staging = key;
        }
        int number = parts.size() + 1;
        byte[] full = buffer;
        int length = buffered;
        pending = new Part(number, full, length, CompletableFuture.supplyAsync(() -> uploadPart(number, full, length), uploads));
        buffer = spare != null ? spare : new byte[partSize];
        spare = null;
        buffered = 0;
    }

    /**
     * Waits for the part on its way; if its upload failed, uploads it again here, and rethrows the storage error if
     * that fails too (the part stays pending for the next try).
     */
    private void awaitPending() {
        if (pending == null) {
            return;
        }
        CompletedPart done;
        try {
            done = pending.upload().join();
        } catch (CompletionException e) {
            Part failed = pending;
            pending = new Part(failed.number(), failed.bytes(), failed.length(), CompletableFuture.failedFuture(e.getCause()));
            done = uploadPart(failed.number(), failed.bytes(), failed.length());
        }
        parts.add(done);
        uploaded += pending.length();
        spare = pending.bytes();
        pending = null;
    }

    private CompletedPart uploadPart(int partNumber, byte[] bytes, int length) {
        String key = staging;
        String id = uploadId;
        String etag = s3.uploadPart(b -> b.bucket(bucket).key(key).uploadId(id).partNumber(partNumber)
                .contentLength((long) length), bytes(bytes, length)).eTag();
        return CompletedPart.builder().partNumber(partNumber).eTag(etag).build();
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

    private static RequestBody bytes(byte[] bytes, int length) {
        // a fresh view of the same buffer per (re)try of the request; nothing is copied
        return RequestBody.fromContentProvider(() -> new ByteArrayInputStream(bytes, 0, length), length,
                "application/octet-stream");
    }
}
