package io.tcbill.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.tcbill.IntegrationTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A broken pack never becomes a wrong bill: a valid reseller pack (three customers in two CSVs) is mutated at random
 * (entries duplicated, renamed, dropped, reordered, nested, their bytes changed behind their CRC, or their CSV mutated as
 * in {@link MutatedFilePropertyIntegrationTest}) and loaded over the month published before it. Whenever the load
 * succeeds, the published rows are exactly the records the pack's entries hold (read independently); whenever it
 * fails, the month published before stays as it was.
 */
@IntegrationTest
class MutatedPackPropertyIntegrationTest {

    static final int CASES = 40;
    static final long A = 800000000001L;
    static final long B = 800000000002L;
    static final long C = 800000000003L;

    /** One pack entry: its name and bytes. */
    record Entry(String name, byte[] bytes) {
    }

    @TempDir
    Path dir;

    @Test
    void aMutatedPackIsPublishedExactlyAsItIsOrNotAtAll() throws Exception {
        Path db = dir.resolve("data/tcbill.duckdb");
        MonthLoader loader = new MonthLoader(MonthLoaderIntegrationTest.properties(db, 0, Duration.ofSeconds(5)));
        List<Entry> valid = List.of(new Entry("bill_part1.csv", part(1, A, B)), new Entry("bill_part2.csv", part(2, B, C)));
        assertThat(loader.load(MonthLoaderIntegrationTest.request(true, input(write("valid.zip", valid, -1)))).allLoaded()).isTrue();
        int loaded = 0;
        int failed = 0;
        List<String> violations = new ArrayList<>();
        for (int seed = 0; seed < CASES; seed++) {
            SplittableRandom random = new SplittableRandom(1000 + seed);
            List<String> applied = new ArrayList<>();
            List<Entry> entries = new ArrayList<>(valid);
            int corrupt = -1;
            switch (random.nextInt(8)) {
                case 0 -> {
                    Entry twin = entries.get(random.nextInt(entries.size()));
                    entries.add(twin);
                    applied.add("duplicate entry " + twin.name());
                }
                case 1 -> {
                    int i = random.nextInt(entries.size());
                    String to = entries.get(i).name().replace(".csv", List.of(".CSV.txt", ".xlsx", ".csv.gz", "").get(random.nextInt(4)));
                    entries.set(i, new Entry(to, entries.get(i).bytes()));
                    applied.add("rename entry " + i + " to " + to);
                }
                case 2 -> applied.add("drop entry " + entries.remove(random.nextInt(entries.size())).name());
                case 3 -> {
                    entries = new ArrayList<>(List.of(entries.get(1), entries.get(0)));
                    applied.add("entries reordered");
                }
                case 4 -> {
                    entries.set(1, new Entry("inner.zip", zip(List.of(entries.get(1)))));
                    applied.add("entry 1 nested in a zip");
                }
                case 5 -> {
                    corrupt = random.nextInt(entries.size());
                    applied.add("entry " + corrupt + " changed behind its CRC");
                }
                case 6 -> {
                    entries.add(new Entry("copy of bill_part1.csv", entries.get(0).bytes()));
                    applied.add("entry 0 again under another name");
                }
                default -> {
                    int i = random.nextInt(entries.size());
                    entries.set(i, new Entry(entries.get(i).name(),
                            MutatedFilePropertyIntegrationTest.mutate(entries.get(i).bytes(), random, applied)));
                    applied.add("in entry " + i);
                }
            }
            Path pack = write("case-" + seed + ".zip", entries, corrupt);
            List<List<Object>> before = published(db);
            String mustFail = mustFail(entries, corrupt, before);
            List<List<Object>> expected = mustFail == null ? expected(entries) : List.of();

            LoadReport report = loader.load(MonthLoaderIntegrationTest.request(true, input(pack)));

            String label = "case " + seed + " " + applied + " (oracle: " + (mustFail == null ? expected.size() + " rows"
                    : "must fail, " + mustFail) + ")";
            if (report.allLoaded()) {
                loaded++;
                if (mustFail != null || !published(db).equals(expected)) {
                    violations.add(label + ": published " + published(db).size() + " rows");
                }
            } else {
                failed++;
                if (!published(db).equals(before)) {
                    violations.add(label + ": failed (" + report.files().get(0).error() + ") but changed the published month");
                }
            }
        }
        assertThat(violations).as("exit 0 with a bill that differs from the pack").isEmpty();
        assertThat(loaded).as("mutated packs that loaded").isGreaterThan(CASES / 10);
        assertThat(failed).as("mutated packs that failed").isGreaterThan(CASES / 10);
    }

    /** Why the pack must not be published, or null. */
    private static String mustFail(List<Entry> entries, int corrupt, List<List<Object>> before) {
        if (corrupt >= 0) {
            return "CRC mismatch";
        }
        Set<String> names = new HashSet<>();
        Set<Long> customers = new HashSet<>();
        for (Entry entry : entries) {
            if (!entry.name().endsWith(".csv")) {
                return "entry " + entry.name() + " is not a CSV";
            }
            if (!names.add(entry.name().toLowerCase())) {
                return "duplicate entry " + entry.name();
            }
            MutatedFileOracle.Truth truth = truth(entry);
            if (truth.mustFail() != null) {
                return entry.name() + ": " + truth.mustFail();
            }
            truth.rows().forEach(row -> customers.add((Long) row.values().get("payer_account_id")));
        }
        for (List<Object> row : before) {
            if (!customers.contains((Long) row.get(1))) {
                return "customer " + row.get(1) + " had rows and has none in the pack";
            }
        }
        return null;
    }

    /** Every record of every entry as the published query shows it, in the same order. */
    private static List<List<Object>> expected(List<Entry> entries) {
        List<List<Object>> rows = new ArrayList<>();
        for (Entry entry : entries) {
            for (MutatedFileOracle.Row row : truth(entry).rows()) {
                Long payer = (Long) row.values().get("payer_account_id");
                rows.add(List.of(row.transactionId(), payer, payer, row.values().get("total_cost")));
            }
        }
        rows.sort(ORDER);
        return rows;
    }

    private static final Comparator<List<Object>> ORDER = Comparator.<List<Object>, String>comparing(r -> (String) r.get(0))
            .thenComparing(r -> (Long) r.get(1)).thenComparing(r -> (BigDecimal) r.get(3));

    private static MutatedFileOracle.Truth truth(Entry entry) {
        try {
            Path file = Files.createTempFile("entry", ".csv");
            try {
                Files.write(file, entry.bytes());
                return MutatedFileOracle.read(file, null);
            } finally {
                Files.delete(file);
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static List<List<Object>> published(Path db) throws Exception {
        List<List<Object>> rows = new ArrayList<>(AnalystDb.queryRows(db, "SELECT transaction_id, customer_uin, "
                + "payer_account_id, total_cost FROM bill_l3"));
        rows.sort(ORDER);
        return rows;
    }

    /** A CSV of a pack: a few rows of each customer, real-shaped. */
    private static byte[] part(int part, long... customers) {
        BillCsv csv = BillCsv.l3().bom().crlf();
        SplittableRandom random = new SplittableRandom(part);
        for (long customer : customers) {
            for (int i = 0; i < 6; i++) {
                String cost = random.nextInt(5000) + "." + String.format("%08d", random.nextInt(100_000_000));
                csv.row("tx-" + part + "-" + customer % 10 + "-" + i, cost, Map.of("Payer Account ID", Long.toString(customer),
                        "InstanceName", i % 3 == 0 ? "web, front" : "db", "OriginalCost", cost));
            }
        }
        return csv.text().getBytes(StandardCharsets.UTF_8);
    }

    /** Writes the entries STORED (so a changed byte is a CRC mismatch); entry {@code corrupt} gets one digit changed after its CRC. */
    private Path write(String name, List<Entry> entries, int corrupt) throws IOException {
        byte[] bytes = zip(entries);
        if (corrupt >= 0) {
            byte[] content = entries.get(corrupt).bytes();
            int at = indexOf(bytes, content) + content.length / 2;
            while (!Character.isDigit(bytes[at])) {
                at++;
            }
            bytes[at] = (byte) (bytes[at] == '9' ? '1' : bytes[at] + 1);
        }
        Path file = dir.resolve("raw").resolve(name);
        Files.createDirectories(file.getParent());
        return Files.write(file, bytes);
    }

    /**
     * A ZIP of the entries, STORED. The JDK refuses a second entry of the same name, so a twin is written under a
     * placeholder of the same length whose bytes are then changed to the name, as a hostile writer would leave it.
     */
    private static byte[] zip(List<Entry> entries) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Set<String> seen = new HashSet<>();
        List<String> twins = new ArrayList<>();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Entry entry : entries) {
                String name = entry.name();
                if (!seen.add(name)) {
                    twins.add(name);
                    name = "Q" + name.substring(1);
                }
                ZipEntry zipEntry = new ZipEntry(name);
                zipEntry.setMethod(ZipEntry.STORED);
                CRC32 crc = new CRC32();
                crc.update(entry.bytes());
                zipEntry.setCrc(crc.getValue());
                zipEntry.setSize(entry.bytes().length);
                zip.putNextEntry(zipEntry);
                zip.write(entry.bytes());
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        byte[] bytes = out.toByteArray();
        for (String twin : twins) {
            byte[] placeholder = ("Q" + twin.substring(1)).getBytes(StandardCharsets.UTF_8);
            byte[] real = twin.getBytes(StandardCharsets.UTF_8);
            for (int i = 0; i <= bytes.length - placeholder.length; i++) {
                if (java.util.Arrays.equals(bytes, i, i + placeholder.length, placeholder, 0, placeholder.length)) {
                    System.arraycopy(real, 0, bytes, i, real.length);
                }
            }
        }
        return bytes;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new IllegalStateException("entry bytes not found in the zip");
    }

    private static RawInput input(Path pack) throws IOException {
        return new RawInput(pack, "raw/l3/bill_month=2024-05/customer_uin=pack/" + pack.getFileName(), null, "sha",
                Files.size(pack), true);
    }
}
