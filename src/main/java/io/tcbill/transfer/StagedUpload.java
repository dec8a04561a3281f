package io.tcbill.transfer;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.LongConsumer;
import java.util.function.Supplier;

import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;

/**
 * The bytes of one raw object on their way into storage, received in one or more pieces (a download resumed after a
 * broken connection continues at {@link #size()}). Every byte is hashed as it arrives into a part-size buffer; a full
 * buffer becomes the next part of a multipart upload straight to the object's final key and is uploaded on another
 * thread while the next part is received into a second buffer, so the download never waits for the store unless the
 * store is the slower side. Two part-size buffers are the only memory held (one for a file that fits in a part). A
 * part that fails to upload keeps its bytes and is uploaded again before anything else, so nothing is lost and nothing
 * read twice. Nothing is visible under the key until {@link #complete}: one conditional PutObject (If-None-Match) with
 * the SHA-256 in its metadata if everything fit in the buffer, else a conditional CompleteMultipartUpload and a
 * {@code .sha256} object beside it ({@link RawKeys#checksumKey}), since metadata is fixed when a multipart upload
 * starts and the hash is known only at its end. No byte is copied on the server (a copy to attach the hash would
 * write the whole file again). {@link #abort} leaves nothing behind. Not thread-safe.
 */
final class StagedUpload {

    private final S3Client s3;
    private final String bucket;
    private final Executor uploads;
    private final Supplier<String> freeKey;
    private final String fileName;
    private final int partSize;
    private final List<CompletedPart> parts = new ArrayList<>();
    private MessageDigest sha = RawObjectWriter.sha256();
    private byte[] buffer;
    private int buffered;
    private long uploaded;
    private String key;
    private String uploadId;
    /** The part handed to the upload thread (or whose upload failed), not yet in {@link #parts}. */
    private Part pending;
    private byte[] spare;
    private LongConsumer progress = size -> { };

    /** One full buffer on its way to the store. */
    private record Part(int number, byte[] bytes, int length, CompletableFuture<CompletedPart> upload) {
    }

    /** @param freeKey chooses the key, asked when the first part leaves or at completion, and again after a restart */
    StagedUpload(S3Client s3, String bucket, Executor uploads, Supplier<String> freeKey, int partSize, String fileName) {
        this.s3 = s3;
        this.bucket = bucket;
        this.uploads = uploads;
        this.freeKey = freeKey;
        this.partSize = partSize;
        this.fileName = fileName;
        this.buffer = new byte[partSize];
    }

    /** Tells {@code progress} {@link #size()} after each full part and after a restart (cheap: once a part). */
    void reportingTo(LongConsumer progress) {
        this.progress = progress;
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
     * Makes the object visible under its key, records its SHA-256 beside it and checks its size by a HeadObject. A
     * key taken meanwhile by another writer is refused by the store (HTTP 412), never overwritten.
     */
    RawObject complete() {
        if (uploadId == null) {
            RawObject raw = new RawObject(key(), RawObjectWriter.hex(sha), buffered, fileName);
            s3.putObject(b -> b.bucket(bucket).key(raw.key()).ifNoneMatch("*").contentType(RawObjectWriter.contentType(fileName))
                    .metadata(RawObjectWriter.metadata(raw)), bytes(buffer, buffered));
            return verifyStored(raw, false);
        }
        awaitPending();
        if (buffered > 0) {
            parts.add(uploadPart(parts.size() + 1, buffer, buffered));
            uploaded += buffered;
            buffered = 0;
        }
        String id = uploadId;
        RawObject raw = new RawObject(key, RawObjectWriter.hex(sha), uploaded, fileName);
        s3.completeMultipartUpload(b -> b.bucket(bucket).key(raw.key()).uploadId(id).ifNoneMatch("*")
                .multipartUpload(m -> m.parts(parts)));
        uploadId = null;
        return verifyStored(raw, true);
    }

    /** Forgets every byte received and aborts the multipart upload, to start again from byte 0. */
    void restart() {
        abort();
        key = null;
        sha = RawObjectWriter.sha256();
        buffered = 0;
        uploaded = 0;
        parts.clear();
        progress.accept(0);
    }

    /** Waits for a part still uploading and aborts the multipart upload, if one is open; safe to call twice. */
    void abort() {
        if (pending != null) {
            pending.upload().exceptionally(e -> null).join();
            pending = null;
        }
        if (uploadId != null) {
            RawObjectWriter.abortQuietly(s3, bucket, key, uploadId);
            uploadId = null;
        }
    }

    /** Sends the full buffer as the next part on the upload thread and goes on in the other buffer. */
    private void handOff() {
        awaitPending();
        if (uploadId == null) {
            String target = key();
            uploadId = s3.createMultipartUpload(b -> b.bucket(bucket).key(target)
                    .contentType(RawObjectWriter.contentType(fileName))
                    .metadata(Map.of(RawObjectWriter.SOURCE_FILE, fileName))).uploadId();
        }
        int number = parts.size() + 1;
        byte[] full = buffer;
        int length = buffered;
        pending = new Part(number, full, length, CompletableFuture.supplyAsync(() -> uploadPart(number, full, length), uploads));
        buffer = spare != null ? spare : new byte[partSize];
        spare = null;
        buffered = 0;
        progress.accept(size());
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
        String target = key;
        String id = uploadId;
        String etag = s3.uploadPart(b -> b.bucket(bucket).key(target).uploadId(id).partNumber(partNumber)
                .contentLength((long) length), bytes(bytes, length)).eTag();
        return CompletedPart.builder().partNumber(partNumber).eTag(etag).build();
    }

    private String key() {
        if (key == null) {
            key = freeKey.get();
        }
        return key;
    }

    /**
     * Checks the stored size, after writing the {@code .sha256} object beside the new object if asked (sha256sum's
     * format, so {@code sha256sum -c} checks a downloaded pair); on failure the new object is deleted (it is ours: the
     * key was new).
     */
    private RawObject verifyStored(RawObject raw, boolean checksumObject) {
        boolean written = false;
        boolean done = false;
        try {
            if (checksumObject) {
                writeChecksum(raw);
                written = true;
            }
            long stored = s3.headObject(b -> b.bucket(bucket).key(raw.key())).contentLength();
            if (stored != raw.size()) {
                throw TransferException.retryable("stored object " + raw.key() + " has " + stored + " bytes, wrote "
                        + raw.size(), null);
            }
            done = true;
            return raw;
        } finally {
            if (!done) {
                RawObjectWriter.deleteQuietly(s3, bucket, raw.key());
                if (written) {
                    RawObjectWriter.deleteQuietly(s3, bucket, RawKeys.checksumKey(raw.key()));
                }
            }
        }
    }

    private void writeChecksum(RawObject raw) {
        String line = raw.sha256() + "  " + raw.key().substring(raw.key().lastIndexOf('/') + 1) + "\n";
        s3.putObject(b -> b.bucket(bucket).key(RawKeys.checksumKey(raw.key())).ifNoneMatch("*").contentType("text/plain"),
                RequestBody.fromString(line, StandardCharsets.UTF_8));
    }

    private static RequestBody bytes(byte[] bytes, int length) {
        // a fresh view of the same buffer per (re)try of the request; nothing is copied
        return RequestBody.fromContentProvider(() -> new ByteArrayInputStream(bytes, 0, length), length,
                "application/octet-stream");
    }
}
