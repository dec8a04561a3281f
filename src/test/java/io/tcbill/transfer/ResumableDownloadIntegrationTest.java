package io.tcbill.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tcbill.IntegrationTest;
import java.io.InputStream;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.YearMonth;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import io.tcbill.partner.ApiProperties;
import io.tcbill.partner.PartnerClient;
import io.tcbill.poll.PollProperties;
import io.tcbill.poll.ReadyPoller;
import io.tcbill.simulator.PartnerSimulator;
import io.tcbill.simulator.SimulatorConfig;
import io.tcbill.storage.ObjectStorage;
import io.tcbill.storage.StorageProperties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * A file of three 5 MiB parts, pulled as the job pulls it (PartnerClient + ReadyPoller as the link source, the
 * simulator's own links, the embedded S3 store) while the simulator breaks the download: each fault ends in the
 * right object, or in a clear error with nothing left behind and the earlier month intact.
 */
@IntegrationTest
class ResumableDownloadIntegrationTest {

    private static final YearMonth DECEMBER = YearMonth.of(2024, 12);
    private static final YearMonth NOVEMBER = YearMonth.of(2024, 11);
    private static final long MIB = 1024 * 1024;

    @TempDir
    static Path dir;

    private static PartnerSimulator simulator;
    private static ObjectStorage storage;
    private static String decemberSha;
    private static long decemberSize;
    private PartnerClient client;

    @BeforeAll
    static void start() throws Exception {
        simulator = PartnerSimulator.start(SimulatorConfig.defaults().withPollsBeforeReady(0)
                .withRows(26_000, 10, 10, 10, 10));
        storage = new ObjectStorage(StorageProperties.embedded(dir.resolve("objects")));
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        try (DigestOutputStream out = new DigestOutputStream(java.io.OutputStream.nullOutputStream(), sha)) {
            simulator.data().writeCsv("l3", DECEMBER, null, out);
        }
        decemberSha = HexFormat.of().formatHex(sha.digest());
        decemberSize = simulator.data().expected("l3", DECEMBER, null).bytes();
        assertThat(decemberSize).as("file size").isBetween(10 * MIB + 1, 15 * MIB - 1);
    }

    @AfterAll
    static void stop() {
        storage.close();
        simulator.close();
    }

    @BeforeEach
    void client() {
        simulator.faults().reset();
        client = new PartnerClient(new ApiProperties(simulator.endpoint(), null, SimulatorConfig.DEMO_SECRET_ID,
                SimulatorConfig.DEMO_SECRET_KEY, null, null, null, null, null, 6, Duration.ofMillis(10),
                Duration.ofMillis(100), false, null));
    }

    @AfterEach
    void clean() {
        for (S3Object o : storage.client().listObjectsV2Paginator(b -> b.bucket("tcbill")).contents()) {
            storage.client().deleteObject(b -> b.bucket("tcbill").key(o.key()));
        }
    }

    @Test
    void linkExpiringMidTransferIsResumedOnAFreshLink() throws Exception {
        // given links that expire after 7 MiB: one part uploaded, 2 MiB of the next buffered
        simulator.faults().expireLinksAfterBytes(7 * MIB);
        long linkCalls = linkCalls();
        long expired = simulator.stats().linksExpiredMidTransfer();
        long ranges = simulator.stats().rangeDownloads();

        // when
        RawObject raw = archiver(4).archive(target(DECEMBER), links(DECEMBER));

        // then
        assertCorrectDecember(raw);
        assertThat(simulator.stats().linksExpiredMidTransfer() - expired).isEqualTo(1);
        assertThat(linkCalls() - linkCalls).as("download URLs asked for").isEqualTo(2);
        assertThat(simulator.stats().rangeDownloads() - ranges).isEqualTo(1);
    }

    @Test
    void connectionDroppedTwiceIsResumedWithRangeOnTheSameLink() throws Exception {
        simulator.faults().dropConnectionAfterBytes(3 * MIB, 2);
        long linkCalls = linkCalls();
        long ranges = simulator.stats().rangeDownloads();
        long dropped = simulator.stats().connectionsDropped();

        RawObject raw = archiver(4).archive(target(DECEMBER), links(DECEMBER));

        assertCorrectDecember(raw);
        assertThat(simulator.stats().connectionsDropped() - dropped).isEqualTo(2);
        assertThat(simulator.stats().rangeDownloads() - ranges).isEqualTo(2);
        assertThat(linkCalls() - linkCalls).isEqualTo(1);
    }

    @Test
    void shortBodyIsDetectedAndTheRestFetched() throws Exception {
        simulator.faults().shortBody(1);
        long ranges = simulator.stats().rangeDownloads();
        long shortBodies = simulator.stats().shortBodies();

        RawObject raw = archiver(4).archive(target(DECEMBER), links(DECEMBER));

        assertCorrectDecember(raw);
        assertThat(simulator.stats().shortBodies() - shortBodies).isEqualTo(1);
        assertThat(simulator.stats().rangeDownloads() - ranges).isEqualTo(1);
    }

    @Test
    void serviceBusyStormOnTheApiIsRiddenOutByTheClientsRetries() throws Exception {
        simulator.faults().serviceBusyStorm(3);
        long linkCalls = linkCalls();
        long busy = simulator.stats().errors("OperationDenied.ServiceBusy");

        RawObject raw = archiver(4).archive(target(DECEMBER), links(DECEMBER));

        assertCorrectDecember(raw);
        assertThat(simulator.stats().errors("OperationDenied.ServiceBusy") - busy).isEqualTo(3);
        assertThat(linkCalls() - linkCalls).isEqualTo(4);
    }

    @Test
    void faultsBeyondTheBudgetEndInAClearErrorWithNothingLeftAndTheEarlierMonthIntact() throws Exception {
        // given November archived, then December's link dropping every 3 MiB with a budget of 2 attempts
        RawObject november = archiver(2).archive(target(NOVEMBER), links(NOVEMBER));
        simulator.faults().dropConnectionAfterBytes(3 * MIB, 100);
        long dropped = simulator.stats().connectionsDropped();

        // when / then: three broken attempts (half an attempt each) spend the budget, after one part was uploaded
        assertThatThrownBy(() -> archiver(2).archive(target(DECEMBER), links(DECEMBER)))
                .isInstanceOfSatisfying(TransferException.class, e -> assertThat(e.isTransient()).isTrue())
                .hasMessageStartingWith("download of l3 2024-12 self to raw/l3/bill_month=2024-12/customer_uin=self/")
                .hasMessageMatching("(?s).*truncated: got \\d+ of " + decemberSize + " bytes.*")
                .hasMessageContaining("gave up after 3 failed attempts")
                .satisfies(RawArchiverIntegrationTest::noSignatureAnywhere);
        assertThat(simulator.stats().connectionsDropped() - dropped).isEqualTo(3);
        assertThat(keys("")).containsExactly(november.key(), november.key() + ".sha256");
        assertThat(storage.client().listMultipartUploads(b -> b.bucket("tcbill")).uploads()).isEmpty();
        assertThat(archiver(2).describe(november.key())).isEqualTo(november);
        archiver(2).fetch(november.key(), dir.resolve("november.csv"));
    }

    @Test
    void freshLinkRefusedAfterAnExpiryIsAClearError() {
        // given a link source that keeps handing out the first (now expired) link
        simulator.faults().expireLinksAfterBytes(2 * MIB);
        AtomicReference<String> stale = new AtomicReference<>();
        LinkSource staleLinks = () -> stale.updateAndGet(old -> old != null ? old : links(DECEMBER).freshLink());

        assertThatThrownBy(() -> archiver(2).archive(target(DECEMBER), staleLinks))
                .isInstanceOfSatisfying(TransferException.class, e -> assertThat(e.isTransient()).isTrue())
                .hasMessageContaining("l3 2024-12 self")
                .hasMessageContaining("HTTP 403")
                .hasMessageContaining("the link had expired and this fresh link was refused too")
                .satisfies(RawArchiverIntegrationTest::noSignatureAnywhere);
        assertThat(keys("")).isEmpty();
    }

    private void assertCorrectDecember(RawObject raw) throws Exception {
        assertThat(raw.key()).startsWith("raw/l3/bill_month=2024-12/customer_uin=self/").endsWith(".csv");
        assertThat(raw.size()).isEqualTo(decemberSize);
        assertThat(raw.sha256()).isEqualTo(decemberSha);
        assertThat(storedSha(raw.key())).isEqualTo(decemberSha);
        // a multipart object's hash is recorded beside it, in sha256sum's format
        assertThat(keys("")).containsExactly(raw.key(), raw.key() + ".sha256");
        assertThat(storage.client().getObjectAsBytes(b -> b.bucket("tcbill").key(raw.key() + ".sha256")).asUtf8String())
                .isEqualTo(decemberSha + "  " + raw.key().substring(raw.key().lastIndexOf('/') + 1) + "\n");
        assertThat(storage.client().listMultipartUploads(b -> b.bucket("tcbill")).uploads()).isEmpty();
    }

    private RawArchiver archiver(int maxAttempts) {
        DownloadProperties p = new DownloadProperties(List.of("127.0.0.1"), null, null, DataSize.ofMegabytes(5),
                maxAttempts);
        return new RawArchiver(storage, p, Clock.systemUTC(), Duration.ofMillis(10));
    }

    /** As the job asks: the partner client for the URL, the poller until it is ready. */
    private LinkSource links(YearMonth month) {
        ReadyPoller poller = new ReadyPoller(new PollProperties(Duration.ofMillis(10), Duration.ofMillis(50), 2.0,
                Duration.ofSeconds(10)));
        return () -> poller.awaitReady("l3 " + month + " self", () -> client.describeBillDownloadUrl(month, "L3"));
    }

    private static RawTarget target(YearMonth month) {
        return new RawTarget("l3", month, null);
    }

    private static long linkCalls() {
        return simulator.stats().requests("DescribeBillDownloadUrl");
    }

    private static List<String> keys(String prefix) {
        return storage.client().listObjectsV2Paginator(b -> b.bucket("tcbill").prefix(prefix)).contents().stream()
                .map(S3Object::key).toList();
    }

    private static String storedSha(String key) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        try (ResponseInputStream<GetObjectResponse> in = storage.client().getObject(b -> b.bucket("tcbill").key(key))) {
            ((InputStream) in).transferTo(new DigestOutputStream(java.io.OutputStream.nullOutputStream(), sha));
        }
        return HexFormat.of().formatHex(sha.digest());
    }
}
