package io.tcbill.transfer;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Streams one download body or local file into object storage through a single reused part-size buffer, so memory
 * stays flat whatever the file size. A body that fits in the buffer is written with one PutObject; a larger one goes to
 * a staging key by multipart upload, then, its SHA-256 now known, is copied to the final key with the hash in its
 * metadata.
 * On any failure the multipart upload is aborted and the staging object deleted; nothing half-written remains.
 */
final class RawObjectWriter {

    static final String SHA256 = "sha256";
    static final String SIZE = "size";
    static final String SOURCE_FILE = "source-file";

    private static final Logger log = LoggerFactory.getLogger(RawObjectWriter.class);

    private final S3Client s3;
    private final String bucket;
    private final int partSize;
    private final ObjectCopier copier;

    RawObjectWriter(S3Client s3, String bucket, int partSize) {
        this.s3 = s3;
        this.bucket = bucket;
        this.partSize = partSize;
        this.copier = new ObjectCopier(s3, bucket);
    }

    /**
     * @param finalKey asked once, after the last byte arrived and the length was verified, for a key not yet used
     */
    RawObject write(LinkDownload.Body body, String fileName, Supplier<String> finalKey, RawTarget target) {
        try {
            return stream(body.in(), body.length(), "download of " + target, fileName, finalKey);
        } catch (IOException e) {
            long count = body.in().count();
            boolean truncated = body.length() >= 0 && count < body.length();
            throw TransferException.retryable("download of " + target + (truncated ? " truncated" : " broke")
                    + got(count, body.length()) + ": " + Redaction.text(String.valueOf(e.getMessage())), e);
        } catch (S3Exception | SdkClientException e) {
            throw storageFailure(e, target);
        }
    }

    /** The same for a local file, e.g. the NDJSON of a JSON feed; a file that cannot be read is terminal. */
    RawObject write(Path file, String fileName, Supplier<String> finalKey, RawTarget target) {
        try (InputStream in = Files.newInputStream(file)) {
            return stream(in, Files.size(file), "file " + file.getFileName() + " of " + target, fileName, finalKey);
        } catch (IOException e) {
            throw TransferException.terminal("cannot read the local file " + file + " of " + target + ": " + e, e);
        } catch (S3Exception | SdkClientException e) {
            throw storageFailure(e, target);
        }
    }

    private static TransferException storageFailure(RuntimeException e, RawTarget target) {
        if (e instanceof S3Exception s3e) {
            boolean retry = s3e.statusCode() >= 500 || s3e.statusCode() == 429;
            return new TransferException("object storage refused a write for " + target + ": HTTP " + s3e.statusCode()
                    + " " + RawObjectReader.errorCode(s3e), retry, e);
        }
        return TransferException.retryable("object storage unreachable while writing " + target + ": "
                + e.getMessage(), e);
    }

    /** @param source what is read, for messages: {@code download of l3 2024-05 self} */
    private RawObject stream(InputStream in, long length, String source, String fileName, Supplier<String> finalKey)
            throws IOException {
        byte[] buffer = new byte[partSize];
        MessageDigest sha = sha256();
        int first = in.readNBytes(buffer, 0, partSize);
        if (first < partSize) {
            sha.update(buffer, 0, first);
            verifyLength(first, length, source);
            RawObject raw = new RawObject(finalKey.get(), hex(sha), first, fileName);
            s3.putObject(b -> b.bucket(bucket).key(raw.key()).contentType(contentType(fileName))
                    .metadata(metadata(raw)), bytes(buffer, first));
            return verifyStored(raw);
        }
        String staging = "tmp/" + UUID.randomUUID();
        String uploadId = s3.createMultipartUpload(b -> b.bucket(bucket).key(staging)).uploadId();
        boolean completed = false;
        try {
            List<CompletedPart> parts = new ArrayList<>();
            long size = 0;
            for (int n = first; n > 0; n = in.readNBytes(buffer, 0, partSize)) {
                // the hash advances part by part, so a Range-resume could continue from the last uploaded part
                sha.update(buffer, 0, n);
                int partNumber = parts.size() + 1;
                int partLength = n;
                String etag = s3.uploadPart(b -> b.bucket(bucket).key(staging).uploadId(uploadId)
                        .partNumber(partNumber).contentLength((long) partLength), bytes(buffer, partLength)).eTag();
                parts.add(CompletedPart.builder().partNumber(partNumber).eTag(etag).build());
                size += n;
            }
            verifyLength(size, length, source);
            s3.completeMultipartUpload(b -> b.bucket(bucket).key(staging).uploadId(uploadId)
                    .multipartUpload(m -> m.parts(parts)));
            completed = true;
            RawObject raw = new RawObject(finalKey.get(), hex(sha), size, fileName);
            copier.copy(staging, raw.key(), size, metadata(raw), contentType(fileName));
            return verifyStored(raw);
        } finally {
            if (!completed) {
                abortQuietly(s3, bucket, staging, uploadId);
            }
            deleteQuietly(staging);
        }
    }

    /** HeadObject the final key; a size that differs deletes the object (it is ours: the key was new). */
    private RawObject verifyStored(RawObject raw) {
        long stored = s3.headObject(b -> b.bucket(bucket).key(raw.key())).contentLength();
        if (stored != raw.size()) {
            deleteQuietly(raw.key());
            throw TransferException.retryable("stored object " + raw.key() + " has " + stored + " bytes, wrote "
                    + raw.size(), null);
        }
        return raw;
    }

    private static void verifyLength(long size, long announced, String source) {
        if (announced >= 0 && size != announced) {
            throw TransferException.retryable(source + " truncated" + got(size, announced), null);
        }
    }

    private static String got(long size, long announced) {
        return announced >= 0 ? ": got " + size + " of " + announced + " bytes" : " after " + size + " bytes";
    }

    private static Map<String, String> metadata(RawObject raw) {
        return Map.of(SHA256, raw.sha256(), SIZE, Long.toString(raw.size()), SOURCE_FILE, raw.fileName());
    }

    private static RequestBody bytes(byte[] buffer, int length) {
        // a fresh view of the same buffer per (re)try of the request; nothing is copied
        return RequestBody.fromContentProvider(() -> new ByteArrayInputStream(buffer, 0, length), length,
                "application/octet-stream");
    }

    static String contentType(String fileName) {
        String lower = fileName.toLowerCase(java.util.Locale.ROOT);
        return lower.endsWith(".csv") ? "text/csv" : lower.endsWith(".zip") ? "application/zip"
                : lower.endsWith(".ndjson") || lower.endsWith(".jsonl") ? "application/x-ndjson"
                : lower.endsWith(".json") ? "application/json" : "application/octet-stream";
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String hex(MessageDigest digest) {
        return HexFormat.of().formatHex(digest.digest());
    }

    static void abortQuietly(S3Client s3, String bucket, String key, String uploadId) {
        try {
            s3.abortMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId));
        } catch (RuntimeException e) {
            log.warn("Could not abort multipart upload {} of {}: {}", uploadId, key, e.toString());
        }
    }

    private void deleteQuietly(String key) {
        try {
            s3.deleteObject(b -> b.bucket(bucket).key(key));
        } catch (RuntimeException e) {
            log.warn("Could not delete {}: {}", key, e.toString());
        }
    }
}
