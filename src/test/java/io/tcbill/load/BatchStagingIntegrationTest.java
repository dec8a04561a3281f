package io.tcbill.load;

import static io.tcbill.load.MonthLoaderIntegrationTest.L3;
import static io.tcbill.load.MonthLoaderIntegrationTest.MAY;
import static io.tcbill.load.MonthLoaderIntegrationTest.row;
import static org.assertj.core.api.Assertions.assertThat;

import io.tcbill.IntegrationTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Small CSVs staged together in one DuckDB pass ({@link MonthLoad#stageAll}) publish exactly what staging each alone
 * publishes: rows with their own file's lineage, rejects, load_log rows and errors, whatever a supplier's files hold.
 */
@IntegrationTest
class BatchStagingIntegrationTest {

    private static final long ACME = 800000000001L;
    private static final long BETA = 800000000002L;
    private static final long GAMMA = 800000000003L;

    @TempDir
    Path dir;

    @Test
    void aHostileMixPublishesTheSameTogetherAsAlone() throws Exception {
        List<RawInput> files = List.of(
                input(BillCsv.l3().payer(ACME).row("a-1", "1.50000000").row("a-2", "2.25000000"), ACME, "a"),
                input(BillCsv.l3().bom().crlf().payer(BETA).row("b-1", "3"), BETA, "b"),
                // a required value missing on one row: that row set aside, the rest loads
                input(BillCsv.l3().payer(GAMMA).row("g-1", "4").row("", "5"), GAMMA, "g"),
                // a row of another account: the whole file fails
                input(BillCsv.l3().payer(800000000004L).row("d-1", "6").row("d-2", "7", Map.of("Payer Account ID", "1")),
                        800000000004L, "d"),
                // only a header: the customer's month is emptied
                input(BillCsv.l3().payer(800000000005L), 800000000005L, "e"),
                // another column order: a layout of its own
                input(BillCsv.withHeaders(reversed(BillCsv.L3_HEADERS)).payer(800000000006L).row("f-1", "8"),
                        800000000006L, "f"),
                // a value DuckDB cannot read as the column's type
                input(BillCsv.l3().payer(800000000007L).row("h-1", "9").row("h-2", "x", Map.of("OriginalCost", "1")),
                        800000000007L, "h"),
                input(BillCsv.l3().payer(800000000008L).row("i-1", "10"), 800000000008L, "i"));

        // with the failing file the batch of its layout is staged again file by file; without it, it is staged together
        assertSameTogetherAsAlone(files, "mix", 7, 2, List.of(row(800000000004L, "FAILED")));
        List<RawInput> noFailure = files.stream().filter(f -> !f.sourceKey().equals("raw/d.csv")).toList();
        assertSameTogetherAsAlone(noFailure, "clean", 7, 2, List.of());
    }

    private void assertSameTogetherAsAlone(List<RawInput> files, String name, long rows, long rejected,
                                           List<List<Object>> failed) throws Exception {
        Path together = load(files, true, name + "-together");
        Path alone = load(files, false, name + "-alone");

        String published = "SELECT customer_uin, transaction_id, total_cost, source_key, source_line FROM bill_l3 ORDER BY 4, 5";
        assertThat(AnalystDb.queryRows(together, published)).hasSize((int) rows).isEqualTo(AnalystDb.queryRows(alone, published));
        String log = "SELECT customer_uin, status, row_count, rejected_count, source_key, error FROM load_log ORDER BY 5";
        assertThat(AnalystDb.queryRows(together, log)).hasSize(files.size()).isEqualTo(AnalystDb.queryRows(alone, log));
        assertThat(AnalystDb.queryRows(together, "SELECT customer_uin, status FROM load_log WHERE status <> 'LOADED'"))
                .isEqualTo(failed);
        String rejects = "SELECT customer_uin, source_key, source_line, reason, raw_line FROM rejected_rows ORDER BY 2, 3";
        assertThat(AnalystDb.queryRows(together, rejects)).hasSize((int) rejected).isEqualTo(AnalystDb.queryRows(alone, rejects));
        // each row's load_id is its own file's, as in the log
        String lineage = "SELECT count(*) FROM bill_l3 b JOIN load_log l USING (load_id) WHERE l.source_key = b.source_key";
        assertThat(AnalystDb.query(together, lineage)).isEqualTo(rows);
    }

    @Test
    void cleanFilesOfOneLayoutAreStagedInOnePassEachWithItsOwnLineageAndRejects() throws Exception {
        List<RawInput> files = List.of(
                input(BillCsv.l3().payer(ACME).row("a-1", "1").row("a-2", "2"), ACME, "a"),
                input(BillCsv.l3().payer(BETA).row("b-1", "3"), BETA, "b"),
                input(BillCsv.l3().payer(GAMMA).row("g-1", "4").row("", "5").row("g-3", "6"), GAMMA, "g"),
                input(BillCsv.withHeaders(reversed(BillCsv.L3_HEADERS)).payer(800000000006L).row("f-1", "8"),
                        800000000006L, "f"));
        DuckDbProperties properties = DuckDbProperties.at(dir.resolve("direct/tcbill.duckdb"));
        try (PrivateDuckDb db = PrivateDuckDb.open(properties)) {
            var columns = TableSchema.named(TableSchema.readAll(), "bill_l3").columns(db.connection());
            TableSchema.named(TableSchema.readAll(), "rejected_rows").columns(db.connection());
            CsvFileStager stager = new CsvFileStager(new CsvStager(db.connection(), "bill_l3", columns, L3.packCustomerColumn(),
                    L3.customerColumn(), db.tempDir()), HeaderMapping.read(L3.mapping()).withTagColumns(),
                    L3.packCustomerColumn(), db.tempDir(), PackLimits.defaults());
            List<Lineage> lineages = files.stream().map(f -> new Lineage("l3", MAY, f.customerUin(), f.sourceKey(),
                    "load-" + f.customerUin(), false)).toList();

            List<List<StagedFile>> staged = stager.stageTogether(files, lineages, "t");

            // the three of one layout together, the one of another layout left to be staged alone
            assertThat(staged.subList(0, 3)).allSatisfy(file -> assertThat(file).hasSize(1));
            assertThat(staged.get(3)).isNull();
            assertThat(staged.subList(0, 3)).extracting(file -> file.get(0).rows()).containsExactly(2L, 1L, 2L);
            assertThat(staged.get(2).get(0).rejected()).isEqualTo(1L);
            assertThat(staged.get(2).get(0).firstReason()).startsWith("line 3: ");
            List<List<String>> lines = new ArrayList<>();
            for (List<StagedFile> file : staged.subList(0, 3)) {
                lines.addAll(Sql.query(db.connection(), "SELECT customer_uin, source_key, source_line, load_id FROM ("
                        + file.get(0).select() + ") ORDER BY source_line"));
            }
            assertThat(lines).containsExactly(
                    List.of(String.valueOf(ACME), "raw/a.csv", "2", "load-" + ACME),
                    List.of(String.valueOf(ACME), "raw/a.csv", "3", "load-" + ACME),
                    List.of(String.valueOf(BETA), "raw/b.csv", "2", "load-" + BETA),
                    List.of(String.valueOf(GAMMA), "raw/g.csv", "2", "load-" + GAMMA),
                    List.of(String.valueOf(GAMMA), "raw/g.csv", "4", "load-" + GAMMA));
            assertThat(Sql.query(db.connection(), "SELECT customer_uin, source_key, source_line FROM rejected_rows"))
                    .containsExactly(List.of(String.valueOf(GAMMA), "raw/g.csv", "3"));
        }
    }

    /** The month loaded from {@code files}, staged together or each alone; the analysts' DuckDB file it made. */
    private Path load(List<RawInput> files, boolean together, String name) {
        Path db = dir.resolve(name + "/tcbill.duckdb");
        // up to 10 rejected rows per file publish the rest of the file
        MonthLoader loader = new MonthLoader(new DuckDbProperties(db, null, null, "256MB", 10, Duration.ofSeconds(5), 0, 2));
        try (MonthLoad load = loader.open(L3, MAY)) {
            if (together) {
                assertThat(load.stageAll(files)).hasSize(files.size());
            } else {
                files.forEach(load::stage);
            }
            load.publish(false);
        }
        loader.ensureViews();
        return db;
    }

    private RawInput input(BillCsv csv, long customer, String name) throws Exception {
        Path file = csv.write(dir.resolve("raw/" + name + ".csv"));
        return new RawInput(file, "raw/" + name + ".csv", customer, "0".repeat(64), Files.size(file), false);
    }

    private static List<String> reversed(List<String> headers) {
        List<String> copy = new ArrayList<>(headers);
        Collections.reverse(copy);
        return copy;
    }
}
