package io.tcbill.load;

import static io.tcbill.load.MonthLoaderIntegrationTest.MAY;
import static io.tcbill.load.MonthLoaderIntegrationTest.row;
import static org.assertj.core.api.Assertions.assertThat;

import io.tcbill.IntegrationTest;
import io.tcbill.storage.ObjectStorage;
import io.tcbill.storage.StorageProperties;
import io.tcbill.transfer.DownloadProperties;
import io.tcbill.transfer.RawArchiver;
import io.tcbill.transfer.RawObject;
import io.tcbill.transfer.RawTarget;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;

/**
 * A load whose files are handed in while the month is still being archived ({@link SpooledSession}), against a real S3
 * server and a real DuckDB file: it publishes exactly the files it is finally given, whatever was staged before, and
 * the same rows, lineage and log as a load of the same files in one go.
 */
@IntegrationTest
class SpooledSessionIntegrationTest {

    static final long ACME = 800000000001L;
    static final long BETA = 800000000002L;
    static final long GAMMA = 800000000003L;

    @TempDir
    Path dir;
    private ObjectStorage storage;
    private RawArchiver archiver;

    @BeforeEach
    void start() {
        storage = new ObjectStorage(StorageProperties.embedded(dir.resolve("objects")));
        archiver = new RawArchiver(storage, new DownloadProperties(List.of("127.0.0.1"), null, null, DataSize.ofMegabytes(5), 2));
    }

    @AfterEach
    void stop() {
        storage.close();
    }

    @Test
    void filesStagedWhileArchivingPublishOnlyWhatTheLoadIsFinallyGivenAndMatchALoadInOneGo() throws Exception {
        // given three customers' archived files, one of them with a row that does not parse
        ArchivedFile acme = archived(ACME, BillCsv.l3().payer(ACME).row("tx-a1", "1.50000000").row("tx-a2", "2.25000000"));
        ArchivedFile beta = archived(BETA, BillCsv.l3().payer(BETA).row("tx-b1", "3.00000000")
                .row("tx-b2", "not-a-number"));
        ArchivedFile gamma = archived(GAMMA, BillCsv.l3().payer(GAMMA).row("tx-g1", "4.00000000"));
        MonthLoader early = new MonthLoader(new DuckDbProperties(dir.resolve("early/tcbill.duckdb"), null, null, "256MB",
                10, java.time.Duration.ofSeconds(5), 0, 2));
        MonthLoader inOneGo = new MonthLoader(new DuckDbProperties(dir.resolve("once/tcbill.duckdb"), null, null, "256MB",
                10, java.time.Duration.ofSeconds(5), 0, 2));

        // when gamma and acme are handed in early, but the archive records acme and beta only (gamma's record was lost)
        List<FileResult> told = new ArrayList<>();
        SpooledLoad.Outcome outcome;
        try (SpooledSession session = new SpooledLoad(archiver, early).open(MonthLoaderIntegrationTest.L3, MAY)) {
            session.submit(gamma);
            session.submit(acme);
            session.submit(acme); // a repeat is ignored
            outcome = session.finish(true, List.of(acme, beta), told::add);
        }
        SpooledLoad.Outcome once = new SpooledLoad(archiver, inOneGo).load(MonthLoaderIntegrationTest.L3, MAY, true,
                List.of(acme, beta), result -> { });

        // then exactly acme's and beta's rows are published, with their lineage and rejects, as a load in one go does
        assertThat(outcome.rejected()).isEmpty();
        assertThat(told).extracting(result -> result.input().sourceKey()).containsExactly(acme.key(), beta.key());
        assertThat(outcome.report().rows()).isEqualTo(3);
        String rows = "SELECT customer_uin, transaction_id, total_cost, source_key, source_line FROM bill_l3 ORDER BY 2";
        assertThat(AnalystDb.queryRows(dir.resolve("early/tcbill.duckdb"), rows)).containsExactly(
                row(ACME, "tx-a1", new java.math.BigDecimal("1.50000000"), acme.key(), 2L),
                row(ACME, "tx-a2", new java.math.BigDecimal("2.25000000"), acme.key(), 3L),
                row(BETA, "tx-b1", new java.math.BigDecimal("3.00000000"), beta.key(), 2L))
                .isEqualTo(AnalystDb.queryRows(dir.resolve("once/tcbill.duckdb"), rows));
        String log = "SELECT customer_uin, status, row_count, rejected_count, source_key FROM load_log ORDER BY 1";
        assertThat(AnalystDb.queryRows(dir.resolve("early/tcbill.duckdb"), log)).hasSize(2)
                .isEqualTo(AnalystDb.queryRows(dir.resolve("once/tcbill.duckdb"), log));
        String rejects = "SELECT customer_uin, source_key, source_line FROM rejected_rows";
        assertThat(AnalystDb.queryRows(dir.resolve("early/tcbill.duckdb"), rejects)).containsExactly(row(BETA, beta.key(), 3L))
                .isEqualTo(AnalystDb.queryRows(dir.resolve("once/tcbill.duckdb"), rejects));
        assertThat(once.report().rows()).isEqualTo(3);
    }

    @Test
    void aSessionClosedWithoutFinishingPublishesNothingAndLeavesNoSpool() throws Exception {
        ArchivedFile acme = archived(ACME, BillCsv.l3().payer(ACME).row("tx-a1", "1.50000000"));
        MonthLoader loader = new MonthLoader(DuckDbProperties.at(dir.resolve("data/tcbill.duckdb")));

        try (SpooledSession session = new SpooledLoad(archiver, loader).open(MonthLoaderIntegrationTest.L3, MAY)) {
            session.submit(acme);
        }

        assertThat(dir.resolve("data/curated")).doesNotExist();
        try (var left = Files.list(loader.workDir())) {
            assertThat(left).as("spool and DuckDB scratch directories").isEmpty();
        }
    }

    private ArchivedFile archived(long uin, BillCsv csv) {
        Path file = csv.write(dir.resolve("raw/" + uin + ".csv"));
        RawObject raw = archiver.archiveFile(new RawTarget("l3", MAY, uin), uin + ".csv", file);
        return new ArchivedFile(raw.key(), uin, raw.sha256(), raw.size(), false);
    }
}
