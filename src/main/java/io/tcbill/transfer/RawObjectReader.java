package io.tcbill.transfer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.Map;

import software.amazon.awssdk.core.ResponseInputStream;
import io.tcbill.storage.ObjectStorage;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** Reads archived raw objects back: metadata, existence, and a download to a local file checked against its SHA-256. */
final class RawObjectReader {

    private final S3Client s3;
    private final String bucket;
    private final ObjectStorage storage;

    RawObjectReader(ObjectStorage storage) {
        this.s3 = storage.client();
        this.bucket = storage.bucket();
        this.storage = storage;
    }

    boolean exists(String key) {
        try {
            s3.headObject(b -> b.bucket(bucket).key(key));
            return true;
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return false;
            }
            throw failure("cannot check", key, e);
        }
    }

    RawObject describe(String key) {
        HeadObjectResponse head;
        try {
            head = s3.headObject(b -> b.bucket(bucket).key(key));
        } catch (S3Exception | SdkClientException e) {
            throw failure("cannot read", key, e);
        }
        return toRaw(key, head.metadata(), head.contentLength());
    }

    void fetch(String key, Path target) {
        Path part = target.resolveSibling(target.getFileName() + ".part");
        try (ResponseInputStream<GetObjectResponse> in = s3.getObject(b -> b.bucket(bucket).key(key))) {
            RawObject expected = toRaw(key, in.response().metadata(), in.response().contentLength());
            MessageDigest sha = RawObjectWriter.sha256();
            if (target.toAbsolutePath().getParent() != null) {
                Files.createDirectories(target.toAbsolutePath().getParent());
            }
            long size = copy(new DigestInputStream(in, sha), part);
            String actual = RawObjectWriter.hex(sha);
            if (size != expected.size() || !actual.equals(expected.sha256())) {
                throw TransferException.terminal("object " + key + " does not match its recorded size and hash: got " + size
                        + " bytes sha256 " + actual + ", expected " + expected.size() + " bytes sha256 "
                        + expected.sha256(), null);
            }
            move(part, target);
        } catch (S3Exception | SdkClientException e) {
            throw failure("cannot read", key, e);
        } catch (IOException e) {
            throw TransferException.retryable("cannot fetch object " + key + " to " + target + ": " + e, e);
        } finally {
            deleteQuietly(part);
        }
    }

    /** The object's size and SHA-256: from its metadata when it was stored in one PutObject, else its .sha256 object. */
    private RawObject toRaw(String key, Map<String, String> metadata, Long contentLength) {
        String sha = metadata.get(RawObjectWriter.SHA256);
        if (sha == null || sha.isBlank()) {
            sha = recordedChecksum(key);
        }
        long size = contentLength != null ? contentLength : Long.parseLong(metadata.get(RawObjectWriter.SIZE));
        return new RawObject(key, sha, size, metadata.getOrDefault(RawObjectWriter.SOURCE_FILE, ""));
    }

    private String recordedChecksum(String key) {
        String line;
        try {
            line = s3.getObjectAsBytes(b -> b.bucket(bucket).key(RawKeys.checksumKey(key))).asUtf8String();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                throw TransferException.terminal("object " + key + " has neither sha256 metadata nor a "
                        + RawKeys.checksumKey(key) + " object; not (completely) written by tcbill", e);
            }
            throw failure("cannot read the checksum of", key, e);
        } catch (SdkClientException e) {
            throw failure("cannot read the checksum of", key, e);
        }
        String sha = line.strip().split("\\s+", 2)[0];
        if (!sha.matches("[0-9a-f]{64}")) {
            throw TransferException.terminal(RawKeys.checksumKey(key) + " does not hold a SHA-256", null);
        }
        return sha;
    }

    private static long copy(InputStream in, Path file) throws IOException {
        return Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a leftover .part file is harmless and overwritten next time
        }
    }

    private TransferException failure(String what, String key, RuntimeException e) {
        if (e instanceof S3Exception s3e) {
            int status = s3e.statusCode();
            String why = status == 404 ? "no such object" : "HTTP " + status + " " + errorCode(s3e);
            return new TransferException(what + " object " + key + " in bucket " + bucket + ": " + why,
                    status >= 500 || status == 429, e);
        }
        return TransferException.retryable(what + " object " + key + " in bucket " + bucket + ": "
                + storage.unreachable(e), e);
    }

    static String errorCode(S3Exception e) {
        return e.awsErrorDetails() != null && e.awsErrorDetails().errorCode() != null
                ? e.awsErrorDetails().errorCode() : "";
    }
}
