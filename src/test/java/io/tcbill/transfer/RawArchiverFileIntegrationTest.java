package io.tcbill.transfer;

import static io.tcbill.transfer.RawArchiverIntegrationTest.sha256;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tcbill.IntegrationTest;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;

import io.tcbill.storage.ObjectStorage;
import io.tcbill.storage.StorageProperties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Object;

/** Local files (the NDJSON of the JSON feeds) into the raw zone of a real S3 server (S3Proxy, in-process). */
@IntegrationTest
class RawArchiverFileIntegrationTest {

    private static final Instant PULLED_AT = Instant.parse("2024-06-10T04:00:01.250Z");
    private static final RawTarget SUMMARIES_MAY = new RawTarget("summaries", YearMonth.of(2024, 5), 800000425835L);
    private static final byte[] NDJSON = ("{\"action\":\"DescribeBillSummaryByRegion\",\"customer_uin\":800000425835,"
            + "\"request\":{\"BillMonth\":\"2024-05\",\"CustomerUin\":800000425835},\"response\":{\"SummaryOverview\":"
            + "[{\"RegionName\":\"华南地区（广州）\",\"TotalCost\":\"10.00000000\"}],\"RequestId\":\"r1\"}}\n")
            .getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    private ObjectStorage storage;

    @BeforeEach
    void start() {
        storage = new ObjectStorage(StorageProperties.embedded(dir.resolve("objects")));
    }

    @AfterEach
    void stop() {
        storage.close();
    }

    @Test
    void fileIsArchivedUnderTheRawKeyWithItsHashAndASecondPullNeverOverwritesIt() throws Exception {
        // given
        Path file = Files.write(dir.resolve("answers.ndjson"), NDJSON);
        RawArchiver archiver = archiver(DataSize.ofMegabytes(5));

        // when the same file name is archived twice at the same clock millisecond
        RawObject first = archiver.archiveFile(SUMMARIES_MAY, "summaries.ndjson", file);
        Files.writeString(file, "{}\n");
        RawObject second = archiver.archiveFile(SUMMARIES_MAY, "summaries.ndjson", file);

        // then
        assertThat(first).isEqualTo(new RawObject("raw/summaries/bill_month=2024-05/customer_uin=800000425835/"
                + "20240610T040001250Z-summaries.ndjson", sha256(NDJSON), NDJSON.length, "summaries.ndjson"));
        HeadObjectResponse head = storage.client().headObject(b -> b.bucket("tcbill").key(first.key()));
        assertThat(head.metadata()).containsEntry("sha256", sha256(NDJSON))
                .containsEntry("size", String.valueOf(NDJSON.length)).containsEntry("source-file", "summaries.ndjson");
        assertThat(head.contentType()).isEqualTo("application/x-ndjson");
        assertThat(second.key()).endsWith("/20240610T040001251Z-summaries.ndjson");
        assertThat(second.sha256()).isEqualTo(sha256("{}\n".getBytes(StandardCharsets.UTF_8)));
        Path back = dir.resolve("back/first.ndjson");
        archiver.fetch(first.key(), back);
        assertThat(Files.readAllBytes(back)).isEqualTo(NDJSON);
        assertThat(keys()).containsExactlyInAnyOrder(first.key(), second.key());
    }

    @Test
    void fileLargerThanAPartGoesByMultipartAndIsVerified() throws Exception {
        // given 11 MB + 7 bytes with 5 MB parts: three parts, the last short
        Path file = dir.resolve("big.ndjson");
        byte[] block = new byte[1 << 20];
        new SplittableRandom(7).nextBytes(block);
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        try (OutputStream out = Files.newOutputStream(file)) {
            for (int i = 0; i < 11; i++) {
                out.write(block);
                sha.update(block);
            }
            out.write(block, 0, 7);
            sha.update(block, 0, 7);
        }
        RawTarget own = new RawTarget("vouchers", YearMonth.of(2024, 5), null);

        // when
        RawObject raw = archiver(DataSize.ofMegabytes(5)).archiveFile(own, "vouchers usage.ndjson", file);

        // then
        assertThat(raw.key()).isEqualTo("raw/vouchers/bill_month=2024-05/customer_uin=self/"
                + "20240610T040001250Z-vouchers_usage.ndjson");
        assertThat(raw.size()).isEqualTo(11L * (1 << 20) + 7);
        assertThat(raw.sha256()).isEqualTo(HexFormat.of().formatHex(sha.digest()));
        assertThat(archiver(DataSize.ofMegabytes(5)).describe(raw.key())).isEqualTo(raw);
        assertThat(keys()).containsExactly(raw.key(), raw.key() + ".sha256");
        assertThat(storage.client().listMultipartUploads(b -> b.bucket("tcbill")).uploads()).isEmpty();
    }

    @Test
    void missingFileIsTerminalAndNamesTheTarget() {
        assertThatThrownBy(() -> archiver(DataSize.ofMegabytes(5))
                .archiveFile(SUMMARIES_MAY, "summaries.ndjson", dir.resolve("none.ndjson")))
                .isInstanceOfSatisfying(TransferException.class, e -> assertThat(e.isTransient()).isFalse())
                .hasMessageContaining("summaries 2024-05 customer 800000425835")
                .hasMessageContaining("none.ndjson");
        assertThat(keys()).isEmpty();
        assertThatIllegalArgumentException().isThrownBy(() -> archiver(DataSize.ofMegabytes(5))
                .archiveFile(SUMMARIES_MAY, "..", dir.resolve("none.ndjson")));
    }

    private RawArchiver archiver(DataSize partSize) {
        DownloadProperties p = new DownloadProperties(List.of("127.0.0.1"), null, null, partSize, 2);
        return new RawArchiver(storage, p, Clock.fixed(PULLED_AT, ZoneOffset.UTC), Duration.ofMillis(20));
    }

    private List<String> keys() {
        return storage.client().listObjectsV2Paginator(b -> b.bucket("tcbill")).contents().stream()
                .map(S3Object::key).toList();
    }
}
