package io.tcbill.transfer;

import java.time.Clock;
import java.time.Duration;
import java.time.YearMonth;
import java.util.List;

import io.tcbill.storage.ObjectStorage;
import io.tcbill.storage.StorageProperties;
import org.springframework.util.unit.DataSize;

/**
 * Run in a child JVM with a small heap by {@link RawArchiverLargeFileIntegrationTest}: archives the file behind the
 * link in {@code args[0]} into the store named by {@code TCBILL_STORAGE_ENDPOINT}, {@code TCBILL_STORAGE_ACCESS_KEY}
 * and {@code TCBILL_STORAGE_SECRET_KEY}, and prints {@code RESULT <key> <size> <sha256> <max heap>}.
 */
final class LargeArchiveMain {

    private LargeArchiveMain() {
    }

    public static void main(String[] args) {
        StorageProperties p = new StorageProperties(System.getenv("TCBILL_STORAGE_ENDPOINT"), "tcbill", "us-east-1",
                System.getenv("TCBILL_STORAGE_ACCESS_KEY"), System.getenv("TCBILL_STORAGE_SECRET_KEY"), true, null);
        try (ObjectStorage storage = new ObjectStorage(p)) {
            // the smallest part size S3 allows: the two part buffers of a transfer then take 10 MiB of the 32 MiB heap
            DownloadProperties download = new DownloadProperties(List.of("127.0.0.1"), null, null, DataSize.ofMegabytes(5), 4);
            RawArchiver archiver = new RawArchiver(storage, download,
                    Clock.systemUTC(), Duration.ofMillis(10));
            RawObject raw = archiver.archive(new RawTarget("l3", YearMonth.of(2024, 5), null), () -> args[0]);
            System.out.println("RESULT " + raw.key() + " " + raw.size() + " " + raw.sha256() + " "
                    + Runtime.getRuntime().maxMemory());
        }
    }
}
