package io.tcbill.bench;

import io.tcbill.partner.ApiProperties;
import io.tcbill.partner.PartnerClient;
import io.tcbill.poll.PollProperties;
import io.tcbill.poll.ReadyPoller;
import io.tcbill.simulator.PartnerSimulator;
import io.tcbill.simulator.SimulatorConfig;
import io.tcbill.storage.ObjectStorage;
import io.tcbill.storage.StorageProperties;
import io.tcbill.transfer.DownloadProperties;
import io.tcbill.transfer.RawArchiver;
import io.tcbill.transfer.RawObject;
import io.tcbill.transfer.RawTarget;
import java.io.InputStream;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.YearMonth;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * Transfer throughput: tcbill's archive of one large L3 file (verified, hashed, copied to its final key) against a
 * plain copy of the same bytes from the same simulator link into the same store (one streaming PUT, nothing else).
 */
public final class TransferBench {

    private static final YearMonth MONTH = YearMonth.of(2026, 9);

    private TransferBench() {
    }

    public static BenchFigure run(Path dir, int rows, PrintWriter progress) throws Exception {
        try (PartnerSimulator simulator = PartnerSimulator.start(SimulatorConfig.defaults().withRows(rows, 1, 1, 1, 1)
                .withPollsBeforeReady(0));
             ObjectStorage storage = new ObjectStorage(StorageProperties.embedded(dir.resolve("objects")))) {
            PartnerClient client = new PartnerClient(ApiProperties.of(simulator.endpoint(), SimulatorConfig.DEMO_SECRET_ID,
                    SimulatorConfig.DEMO_SECRET_KEY));
            ReadyPoller poller = new ReadyPoller(new PollProperties(Duration.ofMillis(100), Duration.ofSeconds(1), 2.0,
                    Duration.ofMinutes(5)));
            RawArchiver archiver = new RawArchiver(storage, DownloadProperties.allowing("127.0.0.1"));
            long bytes = simulator.data().expected("l3", MONTH, null).bytes();
            progress.printf("transfer: %d rows, %.0f MB, measuring a plain copy and tcbill's archive%n", rows, bytes / 1e6);
            progress.flush();
            double plain = Double.MAX_VALUE;
            double tcbill = Double.MAX_VALUE;
            for (int round = 0; round < 2; round++) {
                String link = poller.awaitReady("bench l3", () -> client.describeBillDownloadUrl(MONTH, "L3"));
                long start = System.nanoTime();
                plainCopy(link, storage, "bench/plain-" + round + ".csv");
                plain = Math.min(plain, (System.nanoTime() - start) / 1e9);
                start = System.nanoTime();
                RawObject raw = archiver.archive(new RawTarget("l3", MONTH, null),
                        () -> poller.awaitReady("bench l3", () -> client.describeBillDownloadUrl(MONTH, "L3")));
                tcbill = Math.min(tcbill, (System.nanoTime() - start) / 1e9);
                if (raw.size() != bytes) {
                    throw new IllegalStateException("archived " + raw.size() + " bytes, expected " + bytes);
                }
            }
            return new BenchFigure("transfer MB/s", bytes / 1e6 / tcbill, bytes / 1e6 / plain, "MB/s", ">= 0.8",
                    "plain streaming PUT of the same link, best of 2");
        }
    }

    private static void plainCopy(String link, ObjectStorage storage, String key) throws Exception {
        HttpResponse<InputStream> response = HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(URI.create(link)).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        long length = response.headers().firstValueAsLong("Content-Length").orElseThrow();
        try (InputStream body = response.body()) {
            storage.client().putObject(b -> b.bucket(storage.bucket()).key(key), RequestBody.fromInputStream(body, length));
        }
    }
}
