package io.tcbill.load;

import static io.tcbill.load.MonthLoaderIntegrationTest.request;
import static io.tcbill.load.MonthLoaderIntegrationTest.row;
import static io.tcbill.load.PackIntegrationTest.A;
import static io.tcbill.load.PackIntegrationTest.B;
import static org.assertj.core.api.Assertions.assertThat;

import io.tcbill.IntegrationTest;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every entry of a pack is loaded or the pack fails naming it: each case is a pack a hostile (or broken) supplier could
 * serve after a good month was published, and each must leave that month exactly as it was, with a FAILED load_log row.
 */
@IntegrationTest
class PackEntriesIntegrationTest {

    static final String KEY = "raw/l3/pack.zip";

    @TempDir
    Path dir;
    Path db;
    MonthLoader loader;
    List<List<Object>> published;

    @BeforeEach
    void loadAGoodMonth() throws Exception {
        db = dir.resolve("data/tcbill.duckdb");
        loader = new MonthLoader(MonthLoaderIntegrationTest.properties(db, 0, Duration.ofSeconds(5)));
        LoadReport good = loader.load(request(true, pack(new PackZip().entry("part1.csv", partOfA()).entry("part2.csv", partOfB()))));
        assertThat(good.allLoaded()).isTrue();
        published = month();
        assertThat(published).containsExactly(row(Long.valueOf(A), 2L, new BigDecimal("178507.13000000")),
                row(Long.valueOf(B), 1L, new BigDecimal("20.00000000")));
    }

    @Test
    void aCsvTxtEntryFailsThePackNamingIt() throws Exception {
        assertFailsKeepingTheMonth(packOfAAndB().entry("part3.CSV.txt", partOfB()), "entry part3.CSV.txt is not a .csv file");
    }

    @Test
    void aSpreadsheetEntryFailsThePackNamingIt() throws Exception {
        assertFailsKeepingTheMonth(packOfAAndB().entry("customer-c.xlsx", zipBytes()), "entry customer-c.xlsx is not a .csv file");
    }

    @Test
    void aNestedZipFailsThePackNamingIt() throws Exception {
        assertFailsKeepingTheMonth(packOfAAndB().entry("more/customers.zip", zipBytes()), "entry more/customers.zip is a nested archive");
    }

    @Test
    void aNestedArchiveNamedCsvFailsThePackNamingIt() throws Exception {
        assertFailsKeepingTheMonth(packOfAAndB().entry("part3.csv", zipBytes()), "entry part3.csv is a nested archive (its bytes start like one)");
    }

    @Test
    void macOsMetadataFailsThePackNamingIt() throws Exception {
        assertFailsKeepingTheMonth(packOfAAndB().entry("__MACOSX/._part1.csv", new byte[] {0, 5, 22, 7}),
                "entry __MACOSX/._part1.csv is macOS metadata");
    }

    @ParameterizedTest
    @ValueSource(strings = {"../part3.csv", "sub/../../part3.csv", "/tmp/part3.csv", "sub\\part3.csv", "C:part3.csv"})
    void anEntryPlayingDirectoryTricksFailsThePackNamingIt(String name) throws Exception {
        assertFailsKeepingTheMonth(packOfAAndB().entry(name, partOfB()), "entry " + name + " has an unsafe path");
    }

    @ParameterizedTest
    @ValueSource(strings = {"part2.csv", "PART2.CSV", "./part2.csv"})
    void twoEntriesOfTheSameNameFailThePackRatherThanDoublingACustomer(String second) throws Exception {
        // ZipOutputStream refuses an exact duplicate, so the copy is written as part9.csv and renamed in the bytes
        Path zip = pack(packOfAAndB().entry(second.equals("part2.csv") ? "part9.csv" : second, partOfB())).localFile();
        if (second.equals("part2.csv")) {
            PackZip.patch(zip, "part9.csv", "part2.csv");
        }

        assertFailsKeepingTheMonth(input(zip), "entry " + second + " has the same name as entry part2.csv");
    }

    @Test
    void anEntryWhoseCrcDoesNotMatchItsBytesFailsThePack() throws Exception {
        // one digit changed in a stored entry: 178,506.13 would load as 186,506.13
        RawInput pack = pack(packOfAAndB().stored());
        PackZip.patch(pack.localFile(), "178506.13", "186506.13");

        assertFailsKeepingTheMonth(pack, "entry part1.csv is corrupt: its ", "CRC-32");
    }

    @Test
    void anEncryptedEntryFailsThePackNamingIt() throws Exception {
        RawInput pack = pack(packOfAAndB());
        PackZip.markEncrypted(pack.localFile(), "part2.csv");

        assertFailsKeepingTheMonth(pack, "entry part2.csv is encrypted");
    }

    @Test
    void aZipBombStopsAtTheRatioLimitQuicklyNamingTheEntryAndTheLimit() throws Exception {
        // 256 MiB of zeros deflate to about 256 KiB; the default limits stop them after about 1 MiB inflated
        RawInput bomb = pack(packOfAAndB().zeros("part3.csv", 256L << 20));
        long started = System.nanoTime();

        assertFailsKeepingTheMonth(bomb, "entry part3.csv inflates more than tcbill.pack.max-ratio=100 times its compressed size",
                "raise the limit only if the pack is genuine");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(15));
    }

    @Test
    void aCustomerMissingFromThePackFailsItNamingTheCustomer() throws Exception {
        // B's entry is lost: publishing the pack would empty B's bill
        assertFailsKeepingTheMonth(pack(new PackZip().entry("part1.csv", partOfA())),
                "has no rows for customer " + B + " (1 rows published) of bill_l3 2024-05",
                "load their own files (tcbill.job.reseller-bills=files)");
    }

    @Test
    void aCustomersLinkServingThePackFailsThatFileInsteadOfLoadingAPack() throws Exception {
        Path zip = packOfAAndB().write(dir.resolve("raw/a.download"));
        RawInput forA = new RawInput(zip, "raw/l3/" + A + ".csv", Long.valueOf(A), "cafe", Files.size(zip));

        assertFailsKeepingTheMonth(forA, "file raw/l3/" + A + ".csv was requested as the customer " + A
                + "'s CSV but is a ZIP archive");
    }

    @Test
    void aPackLinkServingOneCsvFailsThePack() throws Exception {
        Path csv = partOfA();

        assertFailsKeepingTheMonth(new RawInput(csv, KEY, null, "cafe", Files.size(csv), true),
                "file " + KEY + " was requested as the pack of all customers but is not a ZIP archive");
    }

    @Test
    void directoryEntriesAndHeaderOnlyEntriesAreFine() throws Exception {
        Path empty = BillCsv.l3().write(dir.resolve("parts/empty.csv"));

        LoadReport report = loader.load(request(true, pack(new PackZip().entry("bills/", new byte[0])
                .entry("bills/part1.csv", partOfA()).entry("bills/empty.csv", empty).entry("bills/part2.csv", partOfB()))));

        assertThat(report.allLoaded()).isTrue();
        assertThat(month()).isEqualTo(published);
    }

    private void assertFailsKeepingTheMonth(PackZip pack, String... message) throws Exception {
        assertFailsKeepingTheMonth(pack(pack), message);
    }

    private void assertFailsKeepingTheMonth(RawInput input, String... message) throws Exception {
        LoadReport report = loader.load(request(true, input));

        String error = report.files().get(0).error();
        assertThat(report.allLoaded()).isFalse();
        assertThat(error).contains(input.sourceKey()).contains(message).doesNotContain("\n").doesNotContain(dir.toString());
        assertThat(month()).as("the month published before").isEqualTo(published);
        assertThat(AnalystDb.queryRows(db, "SELECT status, error FROM load_log ORDER BY started_at DESC LIMIT 1"))
                .containsExactly(row("FAILED", error));
    }

    private List<List<Object>> month() throws Exception {
        return AnalystDb.queryRows(db, "SELECT customer_uin, count(*), sum(total_cost) FROM bill_l3 GROUP BY 1 ORDER BY 1");
    }

    private PackZip packOfAAndB() throws Exception {
        return new PackZip().entry("part1.csv", partOfA()).entry("part2.csv", partOfB());
    }

    private Path partOfA() {
        return BillCsv.l3().row("a-1", "178506.13", Map.of("Payer Account ID", A)).row("a-2", "1", Map.of("Payer Account ID", A))
                .write(dir.resolve("parts/a.csv"));
    }

    private Path partOfB() {
        return BillCsv.l3().row("b-1", "20", Map.of("Payer Account ID", B)).write(dir.resolve("parts/b.csv"));
    }

    /** The bytes of a ZIP holding one CSV (what an .xlsx or a nested pack starts with). */
    private byte[] zipBytes() throws Exception {
        return Files.readAllBytes(new PackZip().entry("inner.csv", "a,b\n1,2\n".getBytes(StandardCharsets.UTF_8))
                .write(dir.resolve("inner/" + System.nanoTime() + ".zip")));
    }

    private RawInput pack(PackZip zip) throws Exception {
        return input(zip.write(dir.resolve("raw/pack-" + System.nanoTime() + ".zip")));
    }

    private static RawInput input(Path zip) throws Exception {
        return new RawInput(zip, KEY, null, "cafe", Files.size(zip), true);
    }
}
