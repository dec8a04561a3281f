package io.tcbill.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.Random;

import io.tcbill.storage.ObjectStorage;
import io.tcbill.storage.StorageProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

class ObjectCopierIntegrationTest {

    private static final long MIB = 1024 * 1024;

    @TempDir
    Path dir;

    @Test
    void objectAboveTheSingleCopyLimitIsCopiedInRangedPartsWithNewMetadata() {
        // given a 12 MiB + 7 bytes staged object and a copy limit of 5 MiB (S3's is 5 GiB)
        byte[] bytes = new byte[(int) (12 * MIB + 7)];
        new Random(7).nextBytes(bytes);
        try (ObjectStorage storage = new ObjectStorage(StorageProperties.embedded(dir))) {
            storage.client().putObject(b -> b.bucket("tcbill").key("tmp/staged"), RequestBody.fromBytes(bytes));
            ObjectCopier copier = new ObjectCopier(storage.client(), "tcbill", 5 * MIB, 5 * MIB);

            // when
            copier.copy("tmp/staged", "raw/l3/final.csv", bytes.length, Map.of("sha256", "abc"), "text/csv");

            // then
            HeadObjectResponse head = storage.client().headObject(b -> b.bucket("tcbill").key("raw/l3/final.csv"));
            assertThat(head.contentLength()).isEqualTo(bytes.length);
            assertThat(head.metadata()).containsEntry("sha256", "abc");
            assertThat(storage.client().getObjectAsBytes(b -> b.bucket("tcbill").key("raw/l3/final.csv"))
                    .asByteArray()).isEqualTo(bytes);
            assertThat(storage.client().listMultipartUploads(b -> b.bucket("tcbill")).uploads()).isEmpty();
        }
    }
}
