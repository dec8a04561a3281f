package io.tcbill.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static io.tcbill.transfer.RawArchiverIntegrationTest.storedSha256;

import io.tcbill.IntegrationTest;
import java.io.ByteArrayInputStream;
import java.lang.reflect.InvocationTargetException;
import java.nio.charset.StandardCharsets;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayDeque;
import java.util.HexFormat;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import io.tcbill.storage.ObjectStorage;
import io.tcbill.storage.StorageProperties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;

/**
 * The double-buffered multipart upload against a real S3 server: parts go up on another thread while the next one is
 * received, and a part whose upload fails keeps its bytes and goes up again before anything else.
 */
@IntegrationTest
class StagedUploadIntegrationTest {

    private static final int PART = 5 * 1024 * 1024;

    @TempDir
    Path dir;

    private ObjectStorage storage;
    private final ExecutorService partUploads = Executors.newSingleThreadExecutor();
    private final Queue<String> keys = new ArrayDeque<>();

    @BeforeEach
    void start() {
        storage = new ObjectStorage(StorageProperties.embedded(dir.resolve("objects")));
    }

    @AfterEach
    void stop() {
        partUploads.shutdownNow();
        storage.close();
    }

    @Test
    void partsUploadedWhileTheNextIsReceivedMakeTheExactObject() throws Exception {
        // given a file of four and a half parts
        byte[] bytes = random(4 * PART + PART / 2);
        keys.add("raw/test/whole.csv");
        StagedUpload upload = upload(storage.client());

        // when it is received in one piece and completed
        upload.receive(new ByteArrayInputStream(bytes));
        RawObject raw = upload.complete();

        // then the stored object is those bytes, with their hash, and no staging object is left
        assertThat(raw.size()).isEqualTo(bytes.length);
        assertThat(raw.sha256()).isEqualTo(sha256(bytes));
        assertThat(storedSha256(storage.client(), storage.bucket(), "raw/test/whole.csv")).isEqualTo(sha256(bytes));
        assertThat(new String(stored("raw/test/whole.csv.sha256"), StandardCharsets.UTF_8))
                .isEqualTo(sha256(bytes) + "  whole.csv\n");
        assertThat(storage.client().listMultipartUploads(b -> b.bucket(storage.bucket())).uploads()).isEmpty();
        assertThat(storage.client().listObjectsV2(b -> b.bucket(storage.bucket())).contents()).hasSize(2); // the object and its .sha256
    }

    @Test
    void aPartThatFailsToUploadOnItsThreadIsSentAgainBeforeTheNext() throws Exception {
        // given a store that refuses the upload of part 2 once (HTTP 503)
        byte[] bytes = random(3 * PART + 1234);
        AtomicInteger refusals = new AtomicInteger();
        keys.add("raw/test/retried.csv");
        StagedUpload upload = upload(refusingPartTwo(storage.client(), 1, refusals));

        // when the file arrives in one piece
        upload.receive(new ByteArrayInputStream(bytes));
        RawObject raw = upload.complete();

        // then part 2 went up again and the object is exact
        assertThat(refusals).hasValue(1);
        assertThat(raw.sha256()).isEqualTo(sha256(bytes));
        assertThat(storedSha256(storage.client(), storage.bucket(), "raw/test/retried.csv")).isEqualTo(sha256(bytes));
    }

    @Test
    void aPartRefusedAgainSurfacesTheStorageErrorAndKeepsItsBytesForTheResume() throws Exception {
        // given a store that refuses the upload of part 2 twice: on its thread and when sent again
        byte[] bytes = random(3 * PART + 1234);
        AtomicInteger refusals = new AtomicInteger();
        keys.add("raw/test/resumed.csv");
        StagedUpload upload = upload(refusingPartTwo(storage.client(), 2, refusals));

        // when the received bytes fill part 3, the storage error surfaces
        assertThatThrownBy(() -> upload.receive(new ByteArrayInputStream(bytes, 0, 3 * PART + 100)))
                .isInstanceOf(S3Exception.class);
        long resumeAt = upload.size();
        // and the download resumes where size() says, as a resumed download does
        upload.receive(new ByteArrayInputStream(bytes, (int) resumeAt, bytes.length - (int) resumeAt));
        RawObject raw = upload.complete();

        // then the refused part's bytes were kept (not read twice, not lost) and the object is exact
        assertThat(refusals).hasValue(2);
        assertThat(resumeAt).as("every byte read before the error counts").isEqualTo(3 * PART);
        assertThat(raw.sha256()).isEqualTo(sha256(bytes));
        assertThat(storedSha256(storage.client(), storage.bucket(), "raw/test/resumed.csv")).isEqualTo(sha256(bytes));
    }

    @Test
    void aKeyTakenMeanwhileIsRefusedByTheStoreAndTheObjectThereStaysAsItWas() {
        // given an object written under the key after the upload chose it
        byte[] bytes = random(2 * PART + 10);
        keys.add("raw/test/taken.csv");
        StagedUpload upload = upload(storage.client());
        assertThatThrownBy(() -> {
            upload.receive(new ByteArrayInputStream(bytes));
            storage.client().putObject(b -> b.bucket(storage.bucket()).key("raw/test/taken.csv"),
                    RequestBody.fromString("earlier"));
            upload.complete();
        })
                // then completing is refused (HTTP 412), not an overwrite
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(412));
        upload.abort();
        assertThat(new String(stored("raw/test/taken.csv"), StandardCharsets.UTF_8)).isEqualTo("earlier");
        assertThat(storage.client().listMultipartUploads(b -> b.bucket(storage.bucket())).uploads()).isEmpty();
    }

    private StagedUpload upload(S3Client s3) {
        return new StagedUpload(s3, storage.bucket(), partUploads, keys::poll, PART, "file.csv");
    }

    /** The real client, but the first {@code times} UploadParts of part 2 fail with HTTP 503. */
    private static S3Client refusingPartTwo(S3Client real, int times, AtomicInteger refusals) {
        return (S3Client) Proxy.newProxyInstance(S3Client.class.getClassLoader(), new Class<?>[] {S3Client.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("uploadPart") && args != null && args.length == 2) {
                        UploadPartRequest request = args[0] instanceof UploadPartRequest r ? r
                                : UploadPartRequest.builder().applyMutation(asBuilderMutation(args[0])).build();
                        if (request.partNumber() == 2 && refusals.get() < times) {
                            refusals.incrementAndGet();
                            throw S3Exception.builder().statusCode(503).message("SlowDown").build();
                        }
                        return real.uploadPart(request, (RequestBody) args[1]);
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    @SuppressWarnings("unchecked")
    private static Consumer<UploadPartRequest.Builder> asBuilderMutation(Object consumer) {
        return (Consumer<UploadPartRequest.Builder>) consumer;
    }

    private byte[] stored(String key) {
        return storage.client().getObject(b -> b.bucket(storage.bucket()).key(key), ResponseTransformer.toBytes()).asByteArray();
    }

    private static byte[] random(int size) {
        byte[] bytes = new byte[size];
        new Random(42).nextBytes(bytes);
        return bytes;
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
