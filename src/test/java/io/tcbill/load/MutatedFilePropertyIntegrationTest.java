package io.tcbill.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.tcbill.IntegrationTest;
import io.tcbill.feed.Feed;
import io.tcbill.feed.FeedCatalog;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A supplier's broken file never becomes a wrong bill: valid L3 files are mutated at random (lines dropped,
 * duplicated or swapped, bytes cut or flipped, line endings changed) and each is loaded over the month published
 * before it. Whenever the load succeeds, the published rows must be exactly the records the mutated file holds (read
 * independently by {@link MutatedFileOracle}); whenever it fails, the month published before stays as it was.
 */
@IntegrationTest
class MutatedFilePropertyIntegrationTest {

    static final Feed L3 = FeedCatalog.load().get("l3");
    static final YearMonth MONTH = YearMonth.of(2024, 5);
    static final long CUSTOMER = 100000001L;
    static final int CASES = 100;
    static final byte[] FLIPS = "0123456789,\"\n\r x".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path dir;

    @Test
    void aMutatedFileIsPublishedExactlyAsItIsOrNotAtAll() throws Exception {
        Path db = dir.resolve("data/tcbill.duckdb");
        MonthLoader loader = new MonthLoader(DuckDbProperties.at(db));
        byte[] valid = Files.readAllBytes(validFile(dir.resolve("valid.csv")));
        assertThat(loader.load(request(dir.resolve("valid.csv"))).allLoaded()).isTrue();
        int loaded = 0;
        int failed = 0;
        List<String> violations = new ArrayList<>();
        for (int seed = 0; seed < CASES; seed++) {
            SplittableRandom random = new SplittableRandom(seed);
            List<String> applied = new ArrayList<>();
            byte[] bytes = valid;
            for (int m = 0; m < 1 + random.nextInt(2); m++) {
                bytes = mutate(bytes, random, applied);
            }
            Path file = dir.resolve("case-" + seed + ".csv");
            Files.write(file, bytes);
            List<List<Object>> before = published(db);
            MutatedFileOracle.Truth truth = MutatedFileOracle.read(file, CUSTOMER);

            LoadReport report = loader.load(request(file));

            String label = "case " + seed + " " + applied + " (oracle: " + (truth.mustFail() == null ? truth.rows().size()
                    + " rows" : "must fail, " + truth.mustFail()) + ")";
            if (report.allLoaded()) {
                loaded++;
                String difference = difference(truth, published(db));
                if (difference != null) {
                    violations.add(label + ": published " + difference);
                }
            } else {
                failed++;
                if (truth.mustFail() == null && applied.stream().allMatch(MutatedFilePropertyIntegrationTest::readable)) {
                    violations.add(label + ": a readable file failed: " + report.files().get(0).error());
                }
                if (!published(db).equals(before)) {
                    violations.add(label + ": failed (" + report.files().get(0).error() + ") but changed the published month");
                }
            }
        }
        assertThat(violations).as("exit 0 with a bill that differs from the file").isEmpty();
        // the property is only worth something if both outcomes happened
        assertThat(loaded).as("mutated files that loaded").isGreaterThan(CASES / 10);
        assertThat(failed).as("mutated files that failed").isGreaterThan(CASES / 10);
    }

    /** Mutations after which a file the oracle reads as valid must load: line order and endings, blank lines. */
    private static boolean readable(String mutation) {
        return mutation.startsWith("drop") || mutation.startsWith("duplicate") || mutation.startsWith("swap")
                || mutation.contains("ends LF") || mutation.startsWith("blank lines");
    }

    /** Null when the published month equals what the file holds, else what differs. */
    private static String difference(MutatedFileOracle.Truth truth, List<List<Object>> published) {
        if (truth.mustFail() != null) {
            return published.size() + " rows although the file must fail";
        }
        if (truth.rows().size() != published.size()) {
            return published.size() + " rows, the file holds " + truth.rows().size();
        }
        for (int i = 0; i < published.size(); i++) {
            MutatedFileOracle.Row expected = truth.rows().get(i);
            List<Object> actual = published.get(i);
            if (!expected.transactionId().equals(actual.get(0))) {
                return "row " + i + " transaction " + actual.get(0) + ", the file holds " + expected.transactionId();
            }
            Map<String, Object> values = new HashMap<>();
            for (int c = 0; c < COMPARED.size(); c++) {
                if (actual.get(c + 1) != null) {
                    values.put(COMPARED.get(c), actual.get(c + 1));
                }
            }
            if (!values.equals(expected.values())) {
                return "row " + i + " (" + expected.transactionId() + ") " + values + ", the file holds " + expected.values();
            }
        }
        return null;
    }

    static final List<String> COMPARED = List.of("original_cost", "voucher_deduction", "total_cost", "component_usage",
            "payer_account_id", "owner_account_id", "operator_account_id");

    private static List<List<Object>> published(Path db) throws Exception {
        return AnalystDb.queryRows(db, "SELECT transaction_id, " + String.join(", ", COMPARED)
                + " FROM bill_l3 ORDER BY source_line");
    }

    static byte[] mutate(byte[] bytes, SplittableRandom random, List<String> applied) {
        List<byte[]> lines = lines(bytes);
        int kind = random.nextInt(13);
        int line = 1 + random.nextInt(Math.max(1, lines.size() - 1)); // never the header
        switch (kind) {
            case 0 -> {
                applied.add("drop line " + line);
                lines.remove(Math.min(line, lines.size() - 1));
            }
            case 1 -> {
                applied.add("duplicate line " + line);
                lines.add(line, lines.get(Math.min(line, lines.size() - 1)));
            }
            case 2 -> {
                int other = 1 + random.nextInt(lines.size() - 1);
                applied.add("swap lines " + line + " and " + other);
                byte[] a = lines.get(Math.min(line, lines.size() - 1));
                lines.set(Math.min(line, lines.size() - 1), lines.get(other));
                lines.set(other, a);
            }
            case 3 -> {
                int cut = header(bytes) + random.nextInt(bytes.length - header(bytes));
                applied.add("cut at byte " + cut);
                return java.util.Arrays.copyOf(bytes, cut);
            }
            case 4 -> {
                int at = header(bytes) + random.nextInt(bytes.length - header(bytes));
                byte to = FLIPS[random.nextInt(FLIPS.length)];
                applied.add("byte " + at + " '" + (char) bytes[at] + "' -> '" + (char) to + "'");
                byte[] copy = bytes.clone();
                copy[at] = to;
                return copy;
            }
            case 5 -> {
                applied.add("line " + line + " ends LF instead of CRLF");
                byte[] l = lines.get(Math.min(line, lines.size() - 1));
                if (l.length >= 2 && l[l.length - 2] == '\r') {
                    byte[] lf = java.util.Arrays.copyOf(l, l.length - 1);
                    lf[lf.length - 1] = '\n';
                    lines.set(Math.min(line, lines.size() - 1), lf);
                }
            }
            case 6 -> {
                applied.add("every line ends LF");
                String text = new String(bytes, StandardCharsets.UTF_8).replace("\r\n", "\n");
                return text.getBytes(StandardCharsets.UTF_8);
            }
            case 7, 8, 11, 12 -> {
                return editField(lines, random, applied);
            }
            case 9 -> {
                applied.add("lines of only separators at the end");
                lines.add(",,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,\r\n".getBytes(StandardCharsets.US_ASCII));
                lines.add(",,,\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            default -> {
                applied.add("blank lines before the header");
                byte[] first = lines.get(0);
                boolean bom = first.length > 3 && first[0] == (byte) 0xEF;
                byte[] moved = bom ? java.util.Arrays.copyOfRange(first, 3, first.length) : first;
                lines.set(0, moved);
                lines.add(0, (bom ? "\uFEFF\r\n\r\n" : "\r\n  \r\n").getBytes(StandardCharsets.UTF_8));
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        lines.forEach(out::writeBytes);
        return out.toByteArray();
    }

    /** Sets a money or id field of a one-line record to a hostile value (what Excel and hand edits make of them). */
    private static byte[] editField(List<byte[]> lines, SplittableRandom random, List<String> applied) {
        List<String> header = List.of(new String(lines.get(0), StandardCharsets.UTF_8).replace("\uFEFF", "").strip().split(",", -1));
        List<String> targets = List.of("Payer Account ID", "Owner Account ID", "Operator Account ID",
                "Total Cost (Including Tax)", "OriginalCost", "Voucher Deduction", "TransactionID");
        String column = targets.get(random.nextInt(targets.size()));
        String value = HOSTILE.get(random.nextInt(HOSTILE.size()));
        int index = header.indexOf(column);
        for (int attempt = 0; attempt < 20 && index >= 0; attempt++) {
            int line = 1 + random.nextInt(lines.size() - 1);
            String text = new String(lines.get(line), StandardCharsets.UTF_8);
            if (text.contains("\"") || !text.endsWith("\n")) {
                continue;
            }
            String ending = text.endsWith("\r\n") ? "\r\n" : "\n";
            String[] fields = text.substring(0, text.length() - ending.length()).split(",", -1);
            if (fields.length != header.size()) {
                continue;
            }
            fields[index] = BillCsv.quote(value);
            lines.set(line, (String.join(",", fields) + ending).getBytes(StandardCharsets.UTF_8));
            applied.add("line " + line + " " + column + " = '" + value + "'");
            break;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        lines.forEach(out::writeBytes);
        return out.toByteArray();
    }

    static final List<String> HOSTILE = List.of("", "  ", "7.00108E+11", "700108201723.6", "0x10", "-5", "100000002",
            "1.123456789", "12,5", "１２", "1 000", "9999999999999999999999", "NaN", "100000001 ");

    /** Physical lines, each with its line break. */
    private static List<byte[]> lines(byte[] bytes) {
        List<byte[]> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                lines.add(java.util.Arrays.copyOfRange(bytes, start, i + 1));
                start = i + 1;
            }
        }
        if (start < bytes.length) {
            lines.add(java.util.Arrays.copyOfRange(bytes, start, bytes.length));
        }
        return lines;
    }

    private static int header(byte[] bytes) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                return i + 1;
            }
        }
        return bytes.length;
    }

    /** A real-shaped file of one customer: BOM, CRLF, quoted commas and a quoted line break, Chinese text, a refund. */
    private static Path validFile(Path file) {
        BillCsv csv = BillCsv.l3().bom().crlf();
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < 24; i++) {
            String cost = (random.nextInt(200_000) - 20_000) / 100 + "." + String.format("%08d", random.nextInt(100_000_000));
            Map<String, String> values = new HashMap<>(Map.of("OriginalCost", cost, "Voucher Deduction", "0.5",
                    "Operator Account ID", "300000" + (100 + i)));
            if (i % 5 == 1) {
                values.put("InstanceName", "web, front " + i);
            }
            if (i % 7 == 2) {
                values.put("InstanceName", "line one\r\nline two");
            }
            if (i % 4 == 3) {
                values.put("ProjectName", "默认项目");
            }
            csv.row("tx-" + (1000 + i), cost, values);
        }
        return csv.write(file);
    }

    private static LoadRequest request(Path file) throws Exception {
        return new LoadRequest(L3, MONTH, List.of(new RawInput(file, "raw/l3/bill_month=2024-05/customer_uin=" + CUSTOMER
                + "/" + file.getFileName(), CUSTOMER, "sha", Files.size(file))), false);
    }
}
