package io.tcbill.load;

import static io.tcbill.load.MonthLoaderIntegrationTest.input;
import static io.tcbill.load.MonthLoaderIntegrationTest.request;
import static io.tcbill.load.MonthLoaderIntegrationTest.row;
import static org.assertj.core.api.Assertions.assertThat;

import io.tcbill.IntegrationTest;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Text a hostile or merely different exporter writes: mixed line endings, lone CRs, blank lines before the header,
 * another encoding, control characters in the header. Either every row loads exactly, or the file fails with one line
 * naming the file (and entry), without scratch paths or the line-number column.
 */
@IntegrationTest
class UnreadableTextIntegrationTest {

    static final Charset GB18030 = Charset.forName("GB18030");

    @TempDir
    Path dir;
    Path db;
    MonthLoader loader;

    @BeforeEach
    void setUp() {
        db = dir.resolve("data/tcbill.duckdb");
        loader = new MonthLoader(MonthLoaderIntegrationTest.properties(db, 0, Duration.ofSeconds(5)));
    }

    @Test
    void crlfRowsWithOneLfRowALoneCrInAQuotedValueAndALoneCrEndingARecordLoadEveryRowExactly() throws Exception {
        // given a CRLF file with one LF row, a lone CR inside a quoted value and one record ended by a lone CR
        List<String> records = records(BillCsv.l3().payer(5).row("tx-1", "1.1").row("tx-2", "2.2")
                .row("tx-3", "3.3", Map.of("InstanceName", "one\rtwo")).row("tx-4", "4.4").row("tx-5", "5.5"));
        String text = records.get(0) + "\r\n" + records.get(1) + "\r\n" + records.get(2) + "\n" + records.get(3) + "\r\n"
                + records.get(4) + "\r" + records.get(5) + "\r\n";
        Path file = write("raw/mixed.csv", text.getBytes(StandardCharsets.UTF_8));

        // when
        LoadReport report = loader.load(request(false, input(file, 5L)));

        // then every row, its value with the lone CR and its physical line (the lone CR ends line 5)
        assertThat(report.files().get(0).error()).isNull();
        assertThat(AnalystDb.queryRows(db, "SELECT transaction_id, instance_name, source_line, total_cost FROM bill_l3 "
                + "ORDER BY source_line")).containsExactly(
                row("tx-1", null, 2L, new BigDecimal("1.10000000")), row("tx-2", null, 3L, new BigDecimal("2.20000000")),
                row("tx-3", "one\rtwo", 4L, new BigDecimal("3.30000000")), row("tx-4", null, 5L, new BigDecimal("4.40000000")),
                row("tx-5", null, 6L, new BigDecimal("5.50000000")));
    }

    @Test
    void anLfFileWithOneCrlfRowAndQuotedCrlfValuesLoadsEveryRowExactly() throws Exception {
        List<String> records = records(BillCsv.l3().payer(5).row("tx-1", "1").row("tx-2", "2", Map.of("InstanceName", "QUOTED"))
                .row("tx-3", "3"));
        String text = (records.get(0) + "\n" + records.get(1) + "\n" + records.get(2) + "\r\n" + records.get(3) + "\n")
                .replace("QUOTED", "\"a\r\nb\"");
        Path file = write("raw/lf.csv", text.getBytes(StandardCharsets.UTF_8));

        LoadReport report = loader.load(request(false, input(file, 5L)));

        assertThat(report.files().get(0).error()).isNull();
        assertThat(AnalystDb.queryRows(db, "SELECT transaction_id, instance_name, source_line FROM bill_l3 ORDER BY 3"))
                .containsExactly(row("tx-1", null, 2L), row("tx-2", "a\r\nb", 3L), row("tx-3", null, 5L));
    }

    @Test
    void blankAndWhiteSpaceLinesBeforeTheHeaderAreSkipped() throws Exception {
        Path file = write("raw/blank.csv", ("\uFEFF\r\n  \n\t\r\n" + BillCsv.l3().payer(5).crlf().row("tx-1", "1.5").row("tx-2", "2").text())
                .getBytes(StandardCharsets.UTF_8));

        LoadReport report = loader.load(request(false, input(file, 5L)));

        assertThat(report.files().get(0).error()).isNull();
        assertThat(report.files().get(0).rejected()).isZero();
        assertThat(AnalystDb.queryRows(db, "SELECT transaction_id, source_line FROM bill_l3 ORDER BY 2"))
                .containsExactly(row("tx-1", 5L), row("tx-2", 6L));
    }

    @Test
    void aGbkFileFailsWithOneLineNamingTheFileTheOffsetTheLineAndTheEncodingAndKeepsTheEarlierMonth() throws Exception {
        // given a loaded month, then the customer's file exported as GB18030 with Chinese text on line 302
        loader.load(request(false, input(BillCsv.l3().payer(5).row("ok-1", "7").write(dir.resolve("raw/good.csv")), 5L)));
        BillCsv csv = BillCsv.l3().payer(5).crlf();
        for (int i = 0; i < 300; i++) {
            csv.row("tx-" + i, "1");
        }
        String text = csv.row("tx-cn", "2", Map.of("Customer Name", "腾讯云客户", "ProjectName", "默认项目")).text();
        byte[] bytes = text.getBytes(GB18030);
        Path file = write("raw/gbk.csv", bytes);

        // when
        LoadReport report = loader.load(request(false, input(file, 5L)));

        // then
        String error = report.files().get(0).error();
        assertThat(error).startsWith("file raw/l3/5.csv is not UTF-8 text: at byte offset " + firstNonAscii(bytes)
                        + " (line 302, column 2 'Customer Name') byte 0x")
                .contains("it looks like GB18030 (Chinese Windows, GBK) text", "Ask the sender for the file in UTF-8",
                        "iconv -f GB18030 -t UTF-8")
                .doesNotContain("\n");
        assertClean(error);
        assertThat(AnalystDb.queryRows(db, "SELECT transaction_id FROM bill_l3")).containsExactly(row("ok-1"));
        assertThat(AnalystDb.queryRows(db, "SELECT status FROM load_log ORDER BY started_at"))
                .containsExactly(row("LOADED"), row("FAILED"));
    }

    @Test
    void aWindows1252FileIsNamedAsSuch() throws Exception {
        String text = BillCsv.l3().payer(5).row("tx-1", "1", Map.of("Customer Name", "Société Générale, Müller")).text();
        byte[] bytes = text.getBytes(Charset.forName("windows-1252"));
        Path file = write("raw/latin.csv", bytes);

        String error = loader.load(request(false, input(file, 5L))).files().get(0).error();

        assertThat(error).startsWith("file raw/l3/5.csv is not UTF-8 text: at byte offset " + firstNonAscii(bytes)
                + " (line 2, column 2 'Customer Name') byte 0xE9 ").contains("Windows-1252");
        assertClean(error);
    }

    @Test
    void aNonUtf8PackEntryNamesThePackAndTheEntry() throws Exception {
        Path good = BillCsv.l3().row("a-1", "1", Map.of("Payer Account ID", "800000000001")).write(dir.resolve("parts/1.csv"));
        Path gbk = write("parts/2.csv", BillCsv.l3().row("b-1", "2", Map.of("Payer Account ID", "800000000002",
                "Customer Name", "上海云端数据有限公司")).text().getBytes(GB18030));
        Path pack = new PackZip().entry("part1.csv", good).entry("客户/part2.csv", gbk).write(dir.resolve("raw/pack.zip"));

        String error = loader.load(request(false, new RawInput(pack, "raw/l3/pack.zip", null, "abc", Files.size(pack), true)))
                .files().get(0).error();

        assertThat(error).startsWith("file raw/l3/pack.zip entry 客户/part2.csv is not UTF-8 text: at byte offset ")
                .contains("(line 2, column 2 'Customer Name')", "GB18030");
        assertClean(error);
    }

    @Test
    void aNulInAHeaderNamesTheFileAndTheHeaderPosition() throws Exception {
        List<String> headers = new ArrayList<>(BillCsv.L3_HEADERS);
        headers.set(1, "Customer\0Name");
        Path file = BillCsv.withHeaders(headers).payer(5).row("tx-1", "1").write(dir.resolve("raw/nul.csv"));

        String error = loader.load(request(false, input(file, 5L))).files().get(0).error();

        assertThat(error).isEqualTo("file raw/l3/5.csv: the header of column 2 ('Customer\\u0000Name', after 'Payer Account ID')"
                + " holds the control character U+0000; the header row is damaged. Ask the sender for the file again");
    }

    @Test
    void noMessageOrRejectedRawLineShowsTheLineColumnOrAScratchPath() throws Exception {
        // given files that fail or reject rows in different ways
        List<Path> files = List.of(
                write("raw/1.csv", (BillCsv.l3().row("tx-1", "1").text() + " \t \n").getBytes(StandardCharsets.UTF_8)),
                write("raw/2.csv", ("\n\n" + BillCsv.l3().row("tx-1", "1").raw("1,\"unterminated").text()).getBytes(StandardCharsets.UTF_8)),
                write("raw/3.csv", BillCsv.l3().row("tx-1", "x\"y").raw("\"a\"b\",c").text().getBytes(StandardCharsets.UTF_8)),
                write("raw/4.csv", new byte[] {'a', ',', (byte) 0xFF, '\n'}),
                write("raw/5.csv", BillCsv.l3().raw("1," + "x".repeat(3 << 20)).text().getBytes(StandardCharsets.UTF_8)));
        List<String> messages = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            LoadReport report = loader.load(request(false, input(files.get(i), (long) i + 1)));
            messages.add(report.files().get(0).error());
        }

        // when / then
        assertThat(messages).allSatisfy(message -> {
            assertThat(message).isNotNull().doesNotContain("\n");
            assertClean(message);
        });
        assertThat(AnalystDb.queryRows(db, "SELECT reason, raw_line FROM rejected_rows")).isNotEmpty()
                .allSatisfy(r -> r.forEach(value -> assertClean(String.valueOf(value))));
    }

    private void assertClean(String message) {
        assertThat(message).doesNotContain(NumberedCsv.LINE_COLUMN, dir.toString(), "numbered-", "entry-", ".parquet");
    }

    /** The header and records of a CSV with LF endings and no line breaks in values, one string each. */
    private static List<String> records(BillCsv csv) {
        return List.of(csv.text().split("\n"));
    }

    private Path write(String name, byte[] bytes) throws Exception {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        return Files.write(file, bytes);
    }

    private static int firstNonAscii(byte[] bytes) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] < 0) {
                return i;
            }
        }
        return -1;
    }
}
