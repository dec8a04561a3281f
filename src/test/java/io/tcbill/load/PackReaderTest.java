package io.tcbill.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;

/** The extraction limits hold while inflating: a zip bomb writes no more than its limit to disk and stops at once. */
class PackReaderTest {

    static final String KEY = "raw/l3/bomb.zip";
    static final byte[] CSV = "Payer Account ID,TransactionID\n800000000001,t-1\n".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    @Test
    void aZipBombStopsAtTheEntryLimitHavingWrittenNoMoreThanIt() throws IOException {
        // given: 512 MiB of zeros (about 0.5 MiB deflated), a 1 MB entry limit, and a ratio high enough not to trip first
        Path bomb = new PackZip().entry("part1.csv", CSV).zeros("part2.csv", 512L << 20).write(dir.resolve("bomb.zip"));
        Path work = dir.resolve("work");
        long started = System.nanoTime();

        // when / then
        assertThatThrownBy(() -> PackReader.extract(bomb, work, KEY, limits("16GB", "1MB", 100_000)))
                .isInstanceOf(RawFileException.class)
                .hasMessage("pack " + KEY + " entry part2.csv inflates past tcbill.pack.max-entry-bytes=1MB; extraction"
                        + " stopped there and nothing of the pack is published: raise the limit only if the pack is genuine");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        assertThat(size(work)).isLessThanOrEqualTo(CSV.length + DataSize.ofMegabytes(1).toBytes());
    }

    @Test
    void theWholePacksBytesAreBoundedAcrossEntries() throws IOException {
        Path pack = new PackZip().zeros("a.csv", 600_000).zeros("b.csv", 600_000).zeros("c.csv", 600_000)
                .write(dir.resolve("big.zip"));

        assertThatThrownBy(() -> PackReader.extract(pack, dir.resolve("work"), KEY, limits("1MB", "1MB", 100_000)))
                .hasMessageStartingWith("pack " + KEY + " entry b.csv takes the pack's inflated bytes past tcbill.pack.max-bytes=1MB");
        assertThat(size(dir.resolve("work"))).isLessThanOrEqualTo(DataSize.ofMegabytes(1).toBytes());
    }

    @Test
    void manySmallEntriesOfZerosTripTheWholePacksRatio() throws IOException {
        // each entry stays under the 1 MB floor, so only the pack's overall ratio can see the bomb
        PackZip zip = new PackZip();
        for (int i = 0; i < 40; i++) {
            zip.zeros("part" + i + ".csv", 900_000);
        }
        Path pack = zip.write(dir.resolve("many.zip"));

        assertThatThrownBy(() -> PackReader.extract(pack, dir.resolve("work"), KEY, PackLimits.defaults()))
                .hasMessageContaining("takes the pack past tcbill.pack.max-ratio=100 times its size");
    }

    @Test
    void aPackDeclaringMoreEntriesThanTheLimitIsRefusedBeforeItsDirectoryIsRead() {
        PackZip zip = new PackZip();
        for (int i = 0; i < 10_001; i++) {
            zip.entry("part" + i + ".csv", new byte[0]);
        }
        Path pack = zip.write(dir.resolve("many.zip"));

        assertThatThrownBy(() -> PackReader.extract(pack, dir.resolve("work"), KEY, PackLimits.defaults()))
                .hasMessage("pack " + KEY + " declares 10001 entries, more than tcbill.pack.max-entries=10000; nothing of it"
                        + " is read or published: raise the limit if the pack is genuine");
        assertThat(dir.resolve("work")).doesNotExist();
    }

    @Test
    void aPackHidingEntriesFromItsDeclaredCountIsCountedEntryByEntry() throws IOException {
        Path pack = new PackZip().entry("a.csv", CSV).entry("b.csv", CSV).entry("c.csv", CSV).write(dir.resolve("p.zip"));
        byte[] bytes = Files.readAllBytes(pack);
        int end = bytes.length - 22; // the end record, no comment: entries on this disk at +8, in all at +10
        bytes[end + 8] = 1;
        bytes[end + 10] = 1;
        Files.write(pack, bytes);

        assertThatThrownBy(() -> PackReader.extract(pack, dir.resolve("work"), KEY, new PackLimits(null, null, 2, 100, null)))
                .hasMessageStartingWith("pack " + KEY + " holds 3 entries, more than tcbill.pack.max-entries=2 (entry c.csv is"
                        + " the first beyond it)");
        assertThat(dir.resolve("work")).doesNotExist();
    }

    @Test
    void ordinaryCsvEntriesExtractWithTheDefaultLimits() throws Exception {
        Path pack = new PackZip().entry("账单/part1.csv", CSV).entry("part2.csv", CSV).write(dir.resolve("ok.zip"));

        List<PackReader.Entry> entries = PackReader.extract(pack, dir.resolve("work"), KEY, PackLimits.defaults());

        assertThat(entries).extracting(PackReader.Entry::name).containsExactly("账单/part1.csv", "part2.csv");
        assertThat(Files.readAllBytes(entries.get(0).file())).isEqualTo(CSV);
    }

    @Test
    void namesAreComparedCaseInsensitivelyAfterNormalising() {
        assertThat(PackReader.normalised("./Bills//PART1.CSV")).isEqualTo(PackReader.normalised("bills/part1.csv"));
        assertThat(PackReader.normalised("e\u0301.csv")).isEqualTo(PackReader.normalised("\u00e9.csv"));
    }

    static PackLimits limits(String maxBytes, String maxEntryBytes, int maxRatio) {
        return new PackLimits(DataSize.parse(maxBytes), DataSize.parse(maxEntryBytes), 10_000, maxRatio, DataSize.ofMegabytes(1));
    }

    private static long size(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
        }
    }
}
