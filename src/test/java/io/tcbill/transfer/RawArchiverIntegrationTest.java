package io.tcbill.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tcbill.IntegrationTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import io.tcbill.storage.ObjectStorage;
import io.tcbill.storage.StorageProperties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Object;

@IntegrationTest
class RawArchiverIntegrationTest {

    private static final Instant PULLED_AT = Instant.parse("2024-06-05T01:02:03.456Z");
    private static final RawTarget L3_MAY = new RawTarget("l3", YearMonth.of(2024, 5), 800001608331L);
    private static final byte[] CSV = ("\uFEFFPayer Account ID,ProductName,TotalCost\r\n"
            + "800001608331,\"Cloud Virtual Machine, CVM\",12.34567800\r\n"
            + "800001608331,云服务器,-1.00000000\r\n").getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    private ObjectStorage storage;
    private DownloadServer server;

    @BeforeEach
    void start() throws Exception {
        storage = new ObjectStorage(StorageProperties.embedded(dir.resolve("objects")));
        server = new DownloadServer();
    }

    @AfterEach
    void stop() {
        server.close();
        storage.close();
    }

    @Test
    void smallFileIsArchivedUnderItsKeyWithItsHashAndFetchesBack() throws Exception {
        // given
        server.route("/bill/", DownloadServer.bytes(CSV));
        String link = server.url("/bill/L3-bill_details-800001608331-202405.csv?q-sign-time=1&q-signature=abc");

        // when
        RawObject raw = archiver(4).archive(L3_MAY, () -> link);

        // then
        String sha = sha256(CSV);
        assertThat(raw).isEqualTo(new RawObject("raw/l3/bill_month=2024-05/customer_uin=800001608331/"
                + "20240605T010203456Z-L3-bill_details-800001608331-202405.csv", sha, CSV.length,
                "L3-bill_details-800001608331-202405.csv"));
        HeadObjectResponse head = storage.client().headObject(b -> b.bucket("tcbill").key(raw.key()));
        assertThat(head.metadata()).containsEntry("sha256", sha).containsEntry("size", String.valueOf(CSV.length))
                .containsEntry("source-file", "L3-bill_details-800001608331-202405.csv");
        assertThat(head.contentType()).isEqualTo("text/csv");
        assertThat(archiver(4).describe(raw.key())).isEqualTo(raw);
        Path local = dir.resolve("work/l3.csv");
        archiver(4).fetch(raw.key(), local);
        assertThat(Files.readAllBytes(local)).isEqualTo(CSV);
        assertThat(keys("")).containsExactly(raw.key());
    }

    @Test
    void secondPullOfTheSameMonthMakesANewObjectAndLeavesTheFirstAlone() throws Exception {
        // given a first pull, then a corrected file under the same link at the same clock millisecond
        byte[] corrected = new String(CSV, StandardCharsets.UTF_8).replace("12.34567800", "12.00000000")
                .getBytes(StandardCharsets.UTF_8);
        AtomicInteger served = new AtomicInteger();
        server.route("/L3.csv", ex -> DownloadServer.bytes(served.getAndIncrement() == 0 ? CSV : corrected).handle(ex));
        RawArchiver archiver = archiver(4);
        RawObject first = archiver.archive(L3_MAY, () -> server.url("/L3.csv"));

        // when
        RawObject second = archiver.archive(L3_MAY, () -> server.url("/L3.csv"));

        // then
        assertThat(second.key()).isNotEqualTo(first.key()).endsWith("20240605T010203457Z-L3.csv");
        assertThat(second.sha256()).isEqualTo(sha256(corrected));
        assertThat(archiver.describe(first.key())).isEqualTo(first);
        assertThat(storage.client().getObjectAsBytes(b -> b.bucket("tcbill").key(first.key())).asByteArray())
                .isEqualTo(CSV);
        assertThat(keys("raw/")).containsExactlyInAnyOrder(first.key(), second.key());
    }

    @Test
    void hostOffTheAllowListIsRefusedBeforeAnyRequest() {
        // given a link to "localhost" while only 127.0.0.1 is allowed
        server.route("/", DownloadServer.bytes(CSV));
        String link = "http://localhost:" + server.port() + "/L3.csv?q-signature=secret&Signature=secret2";

        // when / then
        assertThatThrownBy(() -> archiver(4).archive(L3_MAY, () -> link))
                .isInstanceOfSatisfying(TransferException.class, e -> assertThat(e.isTransient()).isFalse())
                .hasMessageContaining("localhost")
                .hasMessageContaining("tcbill.download.allowed-hosts")
                .message().doesNotContain("?", "q-signature", "Signature=");
        assertThat(server.requests()).isZero();
    }

    @Test
    void truncatedBodyFromAServerIgnoringRangeFailsAfterRetriesAndLeavesNothingBehind() throws Exception {
        // given a server announcing 20 MiB, dropping the connection after 12 MiB (one 8 MiB part uploaded) and
        // answering every resume (Range) with the whole file again
        server.route("/L3.csv", DownloadServer.truncated(20L << 20, 12L << 20));
        AtomicInteger links = new AtomicInteger();

        // when / then: each resume restarts from byte 0 and gets no further, so the budget of 2 attempts ends it
        assertThatThrownBy(() -> archiver(2).archive(L3_MAY, () -> {
            links.incrementAndGet();
            return server.url("/L3.csv?q-signature=abc&Signature=def");
        }))
                .isInstanceOfSatisfying(TransferException.class, e -> assertThat(e.isTransient()).isTrue())
                .hasMessageContaining("l3 2024-05 customer 800001608331 to raw/l3/bill_month=2024-05/"
                        + "customer_uin=800001608331/20240605T010203456Z-L3.csv")
                .hasMessageMatching("(?s).*truncated: got \\d+ of 20971520 bytes.*")
                .hasMessageContaining("the server ignored Range")
                .satisfies(RawArchiverIntegrationTest::noSignatureAnywhere);
        // the HTTP client may lose a few bytes before a drop, so a restart can get slightly further (half a failure)
        assertThat(server.requests()).isBetween(2, 3);
        assertThat(links).hasValue(1);
        assertThat(keys("")).isEmpty();
        assertThat(storage.client().listMultipartUploads(b -> b.bucket("tcbill")).uploads()).isEmpty();
    }

    @Test
    void expiredLinkIsReplacedByAFreshOne() throws Exception {
        // given the first link is refused with 403, the second (same file, new signature) serves it
        server.route("/L3.csv", ex -> (ex.getRequestURI().getQuery().contains("old") ? DownloadServer.status(403)
                : DownloadServer.bytes(CSV)).handle(ex));
        List<String> issued = List.of(server.url("/L3.csv?q-signature=old"), server.url("/L3.csv?q-signature=new"));
        AtomicInteger calls = new AtomicInteger();

        // when
        RawObject raw = archiver(4).archive(L3_MAY, () -> issued.get(calls.getAndIncrement()));

        // then
        assertThat(calls).hasValue(2);
        assertThat(server.requests()).isEqualTo(2);
        assertThat(raw.key()).endsWith("-L3.csv");
        assertThat(raw.sha256()).isEqualTo(sha256(CSV));
    }

    @Test
    void serverErrorIsRetriedWithTheSameLink() throws Exception {
        AtomicInteger hits = new AtomicInteger();
        server.route("/L3.csv", ex -> (hits.getAndIncrement() == 0 ? DownloadServer.status(503)
                : DownloadServer.bytes(CSV)).handle(ex));
        AtomicInteger calls = new AtomicInteger();

        RawObject raw = archiver(4).archive(L3_MAY, () -> {
            calls.incrementAndGet();
            return server.url("/L3.csv");
        });

        assertThat(raw.size()).isEqualTo(CSV.length);
        assertThat(hits).hasValue(2);
        assertThat(calls).hasValue(1);
    }

    @Test
    void notFoundIsTerminalAndNotRetried() {
        server.route("/gone.csv", DownloadServer.status(404));

        assertThatThrownBy(() -> archiver(4).archive(L3_MAY, () -> server.url("/gone.csv?q-signature=x")))
                .isInstanceOfSatisfying(TransferException.class, e -> assertThat(e.isTransient()).isFalse())
                .hasMessageContaining("HTTP 404")
                .satisfies(RawArchiverIntegrationTest::noSignatureAnywhere);
        assertThat(server.requests()).isEqualTo(1);
    }

    @Test
    void bodyWithoutLengthOrChunkingCutAtALineEndIsNeverArchivedAsComplete() throws Exception {
        // given a server that sends the header and one record, no Content-Length, not chunked, then closes: the
        // regression was "220 -> 109 rows, exit 0"
        byte[] half = Arrays.copyOf(CSV, firstRecordEnd());
        AtomicInteger links = new AtomicInteger();
        try (RawHttpServer raw = new RawHttpServer(n -> RawHttpServer.answer("Content-Type: text/csv\r\n"
                + "Connection: close\r\n", half))) {

            // when / then: every link is refused before a byte is stored, and the file fails for good
            assertThatThrownBy(() -> archiver(2).archive(L3_MAY, () -> {
                links.incrementAndGet();
                return raw.url("/L3-bill_details-800001608331-202405-a.csv?q-signature=abc");
            }))
                    .isInstanceOfSatisfying(TransferException.class, e -> assertThat(e.isTransient()).isFalse())
                    .hasMessageContaining("l3 2024-05 customer 800001608331")
                    .hasMessageContaining("from 127.0.0.1")
                    .hasMessageContaining("neither a Content-Length nor chunked encoding")
                    .hasMessageContaining("cannot be proven")
                    .hasMessageContaining("gave up after 2 failed attempts")
                    .satisfies(RawArchiverIntegrationTest::noSignatureAnywhere);
            assertThat(links).as("a fresh link asked for after each refusal").hasValue(2);
            assertThat(raw.requests()).isEqualTo(2);
        }
        assertThat(keys("")).isEmpty();
    }

    @Test
    void bodyWithoutLengthIsRefusedAndAFreshLinkServingALengthIsArchived() throws Exception {
        // given the first link answers without a length, the second with one
        try (RawHttpServer raw = new RawHttpServer(n -> RawHttpServer.answer(n == 0 ? "Connection: close\r\n"
                : "Content-Length: " + CSV.length + "\r\n", CSV))) {
            AtomicInteger links = new AtomicInteger();

            // when
            RawObject archived = archiver(4).archive(L3_MAY, () -> raw.url("/L3.csv?link=" + links.incrementAndGet()));

            // then
            assertThat(links).hasValue(2);
            assertThat(archived.sha256()).isEqualTo(sha256(CSV));
        }
    }

    @Test
    void chunkedBodyEndingWithoutItsLastChunkIsNotArchived() throws Exception {
        // given a chunked body whose chunks end at a line end but whose last (zero) chunk never comes
        int cut = firstRecordEnd();
        byte[] chunks = (Integer.toHexString(cut) + "\r\n" + new String(CSV, 0, cut, StandardCharsets.ISO_8859_1) + "\r\n")
                .getBytes(StandardCharsets.ISO_8859_1);
        try (RawHttpServer raw = new RawHttpServer(n -> RawHttpServer.answer("Transfer-Encoding: chunked\r\n", chunks))) {

            // when / then: the JDK client reports the missing last chunk as a broken connection, resumed and retried
            assertThatThrownBy(() -> archiver(2).archive(L3_MAY, () -> raw.url("/L3.csv")))
                    .isInstanceOfSatisfying(TransferException.class, e -> assertThat(e.isTransient()).isTrue())
                    .hasMessageContaining("l3 2024-05 customer 800001608331")
                    .hasMessageContaining("broke after");
            assertThat(raw.requests()).isGreaterThanOrEqualTo(2);
        }
        assertThat(keys("")).isEmpty();
    }

    @Test
    void chunkedBodyWithItsLastChunkIsArchived() throws Exception {
        byte[] chunks = (Integer.toHexString(CSV.length) + "\r\n" + new String(CSV, StandardCharsets.ISO_8859_1)
                + "\r\n0\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
        try (RawHttpServer raw = new RawHttpServer(n -> RawHttpServer.answer("Transfer-Encoding: chunked\r\n", chunks))) {

            RawObject archived = archiver(2).archive(L3_MAY, () -> raw.url("/L3.csv"));

            assertThat(archived.sha256()).isEqualTo(sha256(CSV));
            assertThat(raw.requests()).isEqualTo(1);
        }
    }

    @Test
    void accessDeniedPageSentWith200IsNeverArchivedAndTheFailureSaysWhatCame() {
        // given a proxy answering every link with 200 text/html "Access Denied"
        byte[] page = "<html><head><title>Access Denied</title></head><body>You don't have permission</body></html>"
                .getBytes(StandardCharsets.UTF_8);
        server.route("/L3.csv", ex -> {
            ex.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            DownloadServer.bytes(page).handle(ex);
        });
        AtomicInteger links = new AtomicInteger();

        // when / then
        assertThatThrownBy(() -> archiver(2).archive(L3_MAY, () -> {
            links.incrementAndGet();
            return server.url("/L3.csv?q-signature=abc");
        }))
                .isInstanceOfSatisfying(TransferException.class, e -> assertThat(e.isTransient()).isFalse())
                .hasMessageContaining("l3 2024-05 customer 800001608331")
                .hasMessageContaining("HTTP 200 text/html is a page, not a bill file")
                .hasMessageContaining("Access Denied")
                .satisfies(RawArchiverIntegrationTest::noSignatureAnywhere);
        assertThat(links).hasValue(2);
        assertThat(keys("")).isEmpty();
    }

    @Test
    void xmlErrorDocumentDisguisedAsCsvIsRefusedByItsFirstBytesAndAFreshLinkServesTheFile() throws Exception {
        // given the first link answers COS's XML error document labelled text/csv, the second the file
        byte[] xml = ("\uFEFF <?xml version='1.0' encoding='utf-8' ?>\n<Error><Code>AccessDenied</Code></Error>")
                .getBytes(StandardCharsets.UTF_8);
        server.route("/L3.csv", ex -> {
            ex.getResponseHeaders().set("Content-Type", "text/csv");
            DownloadServer.bytes(ex.getRequestURI().getQuery().contains("first") ? xml : CSV).handle(ex);
        });
        List<String> issued = List.of(server.url("/L3.csv?first"), server.url("/L3.csv?second"));
        AtomicInteger calls = new AtomicInteger();

        // when
        RawObject archived = archiver(4).archive(L3_MAY, () -> issued.get(calls.getAndIncrement()));

        // then only the file is stored
        assertThat(calls).hasValue(2);
        assertThat(archived.sha256()).isEqualTo(sha256(CSV));
        assertThat(keys("")).containsExactly(archived.key());
    }

    @Test
    void linkNamingAnotherCustomerIsRefusedBeforeAnyRequest() {
        // given the API hands customer 800001608331's download a link to customer 800000425835's file
        server.route("/", DownloadServer.bytes(CSV));
        String link = server.url("/L3-bill_details-800000425835-202405-x.csv?q-signature=abc");

        // when / then
        assertThatThrownBy(() -> archiver(4).archive(L3_MAY, () -> link))
                .isInstanceOfSatisfying(TransferException.class, e -> assertThat(e.isTransient()).isFalse())
                .hasMessageContaining("l3 2024-05 customer 800001608331")
                .hasMessageContaining("customer 800000425835")
                .satisfies(RawArchiverIntegrationTest::noSignatureAnywhere);
        assertThat(server.requests()).isZero();
        assertThat(keys("")).isEmpty();
    }

    @Test
    void stalledBodyTimesOut() {
        // given a server that sends 100 of 1000 bytes and then nothing for 20 s; read timeout 300 ms
        server.route("/L3.csv", DownloadServer.stalling(1000, 100, 20_000));
        DownloadProperties p = new DownloadProperties(List.of("127.0.0.1"), Duration.ofSeconds(2),
                Duration.ofMillis(300), DataSize.ofMegabytes(8), 1);
        long started = System.nanoTime();

        assertThatThrownBy(() -> new RawArchiver(storage, p).archive(L3_MAY, () -> server.url("/L3.csv")))
                .isInstanceOfSatisfying(TransferException.class, e -> assertThat(e.isTransient()).isTrue())
                .hasMessageContaining("truncated: got 100 of 1000 bytes")
                .hasMessageContaining("read timeout");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
    }

    @Test
    void fetchRefusesAnObjectWhoseBytesDoNotMatchItsHash() {
        storage.client().putObject(b -> b.bucket("tcbill").key("raw/l3/tampered.csv")
                .metadata(java.util.Map.of("sha256", sha256(CSV), "size", "3")),
                software.amazon.awssdk.core.sync.RequestBody.fromString("abc"));

        assertThatThrownBy(() -> archiver(4).fetch("raw/l3/tampered.csv", dir.resolve("t.csv")))
                .isInstanceOfSatisfying(TransferException.class, e -> assertThat(e.isTransient()).isFalse())
                .hasMessageContaining("raw/l3/tampered.csv").hasMessageContaining("does not match");
        assertThat(dir.resolve("t.csv")).doesNotExist();
        assertThat(dir.resolve("t.csv.part")).doesNotExist();
    }

    @Test
    void fetchChecksAMultipartObjectAgainstItsSha256ObjectAndRefusesOneWithout() throws Exception {
        // given an object without hash metadata whose .sha256 object names other bytes, and one with no .sha256 at all
        storage.client().putObject(b -> b.bucket("tcbill").key("raw/l3/big.csv"),
                software.amazon.awssdk.core.sync.RequestBody.fromString("abc"));
        storage.client().putObject(b -> b.bucket("tcbill").key("raw/l3/big.csv.sha256"),
                software.amazon.awssdk.core.sync.RequestBody.fromString(sha256(CSV) + "  big.csv\n"));
        storage.client().putObject(b -> b.bucket("tcbill").key("raw/l3/foreign.csv"),
                software.amazon.awssdk.core.sync.RequestBody.fromString("abc"));

        // then the first is refused for its bytes, the second for having no recorded hash
        assertThatThrownBy(() -> archiver(4).fetch("raw/l3/big.csv", dir.resolve("b.csv")))
                .isInstanceOfSatisfying(TransferException.class, e -> assertThat(e.isTransient()).isFalse())
                .hasMessageContaining("raw/l3/big.csv").hasMessageContaining("does not match")
                .hasMessageContaining(sha256(CSV));
        assertThatThrownBy(() -> archiver(4).describe("raw/l3/foreign.csv"))
                .isInstanceOfSatisfying(TransferException.class, e -> assertThat(e.isTransient()).isFalse())
                .hasMessageContaining("neither sha256 metadata nor a raw/l3/foreign.csv.sha256 object");
        assertThat(dir.resolve("b.csv")).doesNotExist();
    }

    @Test
    void describeOfAMissingKeyIsTerminal() {
        assertThatThrownBy(() -> archiver(4).describe("raw/l3/none.csv"))
                .isInstanceOfSatisfying(TransferException.class, e -> assertThat(e.isTransient()).isFalse())
                .hasMessageContaining("raw/l3/none.csv").hasMessageContaining("no such object");
    }

    /** Bytes up to the end of the first record after the header: a cut there leaves a well-formed, shorter CSV. */
    private static int firstRecordEnd() {
        String text = new String(CSV, StandardCharsets.ISO_8859_1);
        return text.indexOf("\r\n", text.indexOf("\r\n") + 2) + 2;
    }

    private RawArchiver archiver(int maxAttempts) {
        DownloadProperties p = new DownloadProperties(List.of("127.0.0.1"), null, null, null, maxAttempts);
        return new RawArchiver(storage, p, Clock.fixed(PULLED_AT, ZoneOffset.UTC), Duration.ofMillis(20));
    }

    private List<String> keys(String prefix) {
        return storage.client().listObjectsV2Paginator(b -> b.bucket("tcbill").prefix(prefix)).contents().stream()
                .map(S3Object::key).toList();
    }

    static void noSignatureAnywhere(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            assertThat(String.valueOf(t.getMessage())).doesNotContain("q-signature", "Signature=");
        }
    }

    /**
     * The SHA-256 of a stored object, read as a stream: comparing hashes rather than whole byte arrays keeps the
     * test heap free of copies of multi-part objects (large arrays fragment a small G1 heap).
     */
    static String storedSha256(software.amazon.awssdk.services.s3.S3Client s3, String bucket, String key) {
        try (java.io.InputStream in = s3.getObject(b -> b.bucket(bucket).key(key))) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (java.io.IOException | java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String sha256(byte[] bytes) throws RuntimeException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
