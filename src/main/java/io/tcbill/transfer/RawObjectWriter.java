package io.tcbill.transfer;

import io.tcbill.storage.ObjectStorage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Writes raw objects: opens a {@link StagedUpload} per object (at most two part-size buffers each, so memory stays
 * flat whatever the file size), writes local files whole, classifies storage errors, and holds what every raw object
 * carries: its metadata ({@code sha256}, {@code size}, {@code source-file}) and content type.
 */
final class RawObjectWriter {

    static final String SHA256 = "sha256";
    static final String SIZE = "size";
    static final String SOURCE_FILE = "source-file";

    private static final Logger log = LoggerFactory.getLogger(RawObjectWriter.class);
    /** Uploads the parts handed off by every {@link StagedUpload}: at most one per upload at a time. */
    private static final ExecutorService PART_UPLOADS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "tcbill-part-upload");
        t.setDaemon(true);
        return t;
    });

    private final S3Client s3;
    private final String bucket;
    private final int partSize;
    private final Function<Throwable, String> unreachable;

    RawObjectWriter(ObjectStorage storage, int partSize) {
        this.s3 = storage.client();
        this.bucket = storage.bucket();
        this.partSize = partSize;
        this.unreachable = storage::unreachable;
    }

    /**
     * A new, empty upload of one object; the caller completes or aborts it.
     *
     * @param freeKey chooses a key no object has yet, asked when the upload needs its key
     */
    StagedUpload open(String fileName, Supplier<String> freeKey) {
        return new StagedUpload(s3, bucket, PART_UPLOADS, freeKey, partSize, fileName);
    }

    /** A local file, e.g. the NDJSON of a JSON feed, as one object; a file that cannot be read is terminal. */
    RawObject write(Path file, String fileName, Supplier<String> finalKey, RawTarget target) {
        StagedUpload upload = open(fileName, finalKey);
        boolean done = false;
        try (InputStream in = Files.newInputStream(file)) {
            long length = Files.size(file);
            upload.receive(in);
            if (upload.size() != length) {
                throw TransferException.retryable("file " + file.getFileName() + " of " + target + " changed while read: "
                        + upload.size() + " of " + length + " bytes", null);
            }
            RawObject raw = upload.complete();
            done = true;
            return raw;
        } catch (IOException e) {
            throw TransferException.terminal("cannot read the local file " + file + " of " + target + ": " + e, e);
        } catch (S3Exception | SdkClientException e) {
            throw storageFailure(e, "writing " + target, unreachable);
        } finally {
            if (!done) {
                upload.abort();
            }
        }
    }

    /**
     * Writes {@code <key>.rejected} beside an archived object that failed to load, holding {@code reason}; the object
     * itself is never changed. A marker already there (the object was rejected before) is kept.
     */
    void markRejected(String key, String reason) {
        try {
            s3.putObject(b -> b.bucket(bucket).key(RawKeys.rejectedKey(key)).ifNoneMatch("*").contentType("text/plain"),
                    RequestBody.fromString(reason + "\n", StandardCharsets.UTF_8));
        } catch (S3Exception e) {
            if (e.statusCode() != 412) {
                throw storageFailure(e, "marking " + key + " as rejected", unreachable);
            }
        } catch (SdkClientException e) {
            throw storageFailure(e, "marking " + key + " as rejected", unreachable);
        }
    }

    /** {@link #storageFailure(RuntimeException, String, Function)} for this writer's storage. */
    TransferException storageFailure(RuntimeException e, String during) {
        return storageFailure(e, during, unreachable);
    }

    /**
     * A storage error as a {@link TransferException}: 5xx, 429 and an unreachable store are transient; an unreachable
     * one is said by {@code unreachable} (where, which setting, what to check).
     */
    static TransferException storageFailure(RuntimeException e, String during, Function<Throwable, String> unreachable) {
        if (e instanceof S3Exception s3e) {
            boolean retry = s3e.statusCode() >= 500 || s3e.statusCode() == 429;
            return new TransferException("object storage refused a request while " + during + ": HTTP "
                    + s3e.statusCode() + " " + RawObjectReader.errorCode(s3e), retry, e);
        }
        return TransferException.retryable(unreachable.apply(e) + " (while " + during + ")", e);
    }

    static Map<String, String> metadata(RawObject raw) {
        return Map.of(SHA256, raw.sha256(), SIZE, Long.toString(raw.size()), SOURCE_FILE, raw.fileName());
    }

    static String contentType(String fileName) {
        String lower = fileName.toLowerCase(Locale.ROOT);
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

    static void deleteQuietly(S3Client s3, String bucket, String key) {
        try {
            s3.deleteObject(b -> b.bucket(bucket).key(key));
        } catch (RuntimeException e) {
            log.warn("Could not delete {}: {}", key, e.toString());
        }
    }
}
