package io.tcbill.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import io.tcbill.IntegrationTest;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import io.tcbill.storage.ObjectStorage;
import io.tcbill.storage.StorageProperties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * What a killed run leaves (a pending multipart upload under raw/, or under tmp/ with a staging object from earlier
 * versions) is cleaned once it is old.
 */
@IntegrationTest
class OrphanedUploadsIntegrationTest {

    @TempDir
    Path dir;

    private ObjectStorage storage;
    private S3Client s3;

    @BeforeEach
    void start() {
        storage = new ObjectStorage(StorageProperties.embedded(dir));
        s3 = storage.client();
    }

    @AfterEach
    void stop() {
        storage.close();
    }

    @Test
    void uploadsAndStagingObjectsOlderThanTheAgeAreAbortedAndDeletedAndNothingElse() {
        // given what a SIGKILL mid-transfer leaves: a multipart upload with one part at its final key, and what earlier
        // versions left: one under tmp/ and a completed staging object
        String rawOrphan = "raw/l3/bill_month=2024-05/customer_uin=self/b.csv";
        String rawUploadId = s3.createMultipartUpload(b -> b.bucket("tcbill").key(rawOrphan)).uploadId();
        s3.uploadPart(b -> b.bucket("tcbill").key(rawOrphan).uploadId(rawUploadId).partNumber(1),
                RequestBody.fromString("first part"));
        String orphan = "tmp/" + java.util.UUID.randomUUID();
        String uploadId = s3.createMultipartUpload(b -> b.bucket("tcbill").key(orphan)).uploadId();
        s3.uploadPart(b -> b.bucket("tcbill").key(orphan).uploadId(uploadId).partNumber(1),
                RequestBody.fromString("first part"));
        s3.putObject(b -> b.bucket("tcbill").key("tmp/staged"), RequestBody.fromString("staged"));
        s3.putObject(b -> b.bucket("tcbill").key("raw/l3/bill_month=2024-05/customer_uin=self/a.csv"),
                RequestBody.fromString("archived"));
        String other = s3.createMultipartUpload(b -> b.bucket("tcbill").key("elsewhere/x")).uploadId();

        // when swept now (all young), then 25 hours later
        int young = sweeper(Instant.now()).sweep();
        int old = sweeper(Instant.now().plus(Duration.ofHours(25))).sweep();

        // then
        assertThat(young).isZero();
        assertThat(old).isEqualTo(3);
        assertThat(uploads()).extracting(MultipartUpload::uploadId).containsExactly(other);
        assertThat(keys()).containsExactly("raw/l3/bill_month=2024-05/customer_uin=self/a.csv");
        s3.abortMultipartUpload(b -> b.bucket("tcbill").key("elsewhere/x").uploadId(other));
    }

    @Test
    void aRunningTransfersUploadIsNeverTakenForAnOrphan() {
        String young = s3.createMultipartUpload(b -> b.bucket("tcbill").key("tmp/running")).uploadId();
        RawArchiver archiver = new RawArchiver(storage, DownloadProperties.allowing("127.0.0.1"));

        assertThat(archiver.abortOrphanedUploads()).isZero();
        assertThat(uploads()).extracting(MultipartUpload::uploadId).containsExactly(young);
        s3.abortMultipartUpload(b -> b.bucket("tcbill").key("tmp/running").uploadId(young));
    }

    private OrphanedUploads sweeper(Instant now) {
        return new OrphanedUploads(s3, "tcbill", Duration.ofHours(24), Clock.fixed(now, ZoneOffset.UTC));
    }

    private List<MultipartUpload> uploads() {
        return s3.listMultipartUploads(b -> b.bucket("tcbill")).uploads();
    }

    private List<String> keys() {
        return s3.listObjectsV2Paginator(b -> b.bucket("tcbill")).contents().stream().map(S3Object::key).toList();
    }
}
