package io.tcbill.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;

import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An in-process S3 server (S3Proxy, filesystem backend) on 127.0.0.1 and an ephemeral port, for the demo and tests.
 * Each start gets a fresh random access/secret key pair, so nothing else on the machine can use it by guessing.
 */
public final class EmbeddedObjectStore implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedObjectStore.class);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final S3Proxy proxy;
    private final URI endpoint;
    private final String accessKey;
    private final String secretKey;

    private EmbeddedObjectStore(S3Proxy proxy, URI endpoint, String accessKey, String secretKey) {
        this.proxy = proxy;
        this.endpoint = endpoint;
        this.accessKey = accessKey;
        this.secretKey = secretKey;
    }

    /** Starts a store keeping its buckets as directories under {@code baseDir} (created if missing). */
    public static EmbeddedObjectStore start(Path baseDir) {
        Path dir = baseDir.toAbsolutePath();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create embedded object store directory " + dir, e);
        }
        String accessKey = "tcbill" + randomHex(7);
        String secretKey = randomHex(20);
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(new FilesystemNio2BlobStore(dir.toString()))
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, accessKey, secretKey)
                .ignoreUnknownHeaders(true)
                .build();
        try {
            proxy.start();
            awaitStarted(proxy);
        } catch (Exception e) {
            stopQuietly(proxy);
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("embedded object store did not start under " + dir, e);
        }
        URI endpoint = URI.create("http://127.0.0.1:" + proxy.getPort());
        log.info("Embedded object store at {} keeps objects under {}", endpoint, dir);
        return new EmbeddedObjectStore(proxy, endpoint, accessKey, secretKey);
    }

    public URI endpoint() {
        return endpoint;
    }

    public String accessKey() {
        return accessKey;
    }

    public String secretKey() {
        return secretKey;
    }

    @Override
    public void close() {
        stopQuietly(proxy);
    }

    @Override
    public String toString() {
        return "EmbeddedObjectStore[" + endpoint + "]";
    }

    private static void awaitStarted(S3Proxy proxy) throws InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (!"STARTED".equals(proxy.getState())) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("still " + proxy.getState() + " after " + START_TIMEOUT);
            }
            Thread.sleep(10);
        }
    }

    private static void stopQuietly(S3Proxy proxy) {
        try {
            proxy.stop();
        } catch (Exception e) {
            log.warn("Embedded object store did not stop cleanly: {}", e.toString());
        }
    }

    private static String randomHex(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
