package io.tcbill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.tcbill.run.MonthRunner;
import io.tcbill.simulator.BillData;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Every query of docs/queries.sql and the FOCUS view against a loaded month, checked against the simulator's totals; the
 * DuckDB file in older clients, also as a copy elsewhere with the original gone.
 */
@IntegrationTest
class AnalystQueriesTest extends PipelineTestSupport {

    private static final YearMonth MONTH = YearMonth.of(2026, 2);
    private static List<Long> customers;
    private static boolean loaded;

    @Autowired
    MonthRunner runner;

    @BeforeAll
    static void pickCustomers() {
        customers = SIMULATOR.data().customerUins().subList(30, 36);
    }

    private void loadOnce() {
        if (!loaded) {
            for (String feed : List.of("l3", "commission", "vouchers")) {
                assertThat(runner.run(MONTH, feed, feed.equals("commission") ? List.of() : customers).succeeded()).isTrue();
            }
            loaded = true;
        }
    }

    @Test
    void everyDocumentedQueryRuns() throws IOException {
        loadOnce();
        String file = Files.readString(Path.of("docs/queries.sql"));
        List<String> statements = Arrays.stream(file.split(";\\s*\\n")).map(String::strip)
                .map(s -> s.lines().filter(l -> !l.startsWith("--")).reduce("", (a, b) -> a + "\n" + b).strip())
                .filter(s -> !s.isEmpty()).toList();
        assertThat(statements).hasSize(13);
        for (String sql : statements) {
            assertThat(query(sql)).as(sql).isNotNull();
        }
        assertThat(query("SELECT * FROM monthly_cost_by_customer WHERE bill_month = DATE '" + MONTH.atDay(1) + "'"))
                .hasSize(customers.size() - emptyCustomers());
        // one name for the customer: commission rows carry it in customer_uin too, the same id as customer_account_id
        assertThat(count("SELECT count(*) FROM commission_detail WHERE customer_uin IS NOT NULL"
                + " AND customer_uin = customer_account_id")).isPositive()
                .isEqualTo(count("SELECT count(*) FROM commission_detail"));
    }

    @Test
    void focusCostsAddUpToTheSimulatorsTotalsAndEveryRowIsCategorised() {
        loadOnce();
        BillData data = SIMULATOR.data();
        BigDecimal expected = customers.stream().map(uin -> data.expected("l3", MONTH, uin).totalCost())
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        String month = " WHERE \"x_BillMonth\" = DATE '" + MONTH.atDay(1) + "'";

        assertThat(decimal("SELECT sum(\"BilledCost\") FROM focus_1_2" + month)).isEqualByComparingTo(expected);
        assertThat(decimal("SELECT sum(\"BilledCost\") FROM focus_1_2" + month))
                .isEqualByComparingTo(decimal("SELECT sum(total_cost) FROM monthly_cost_by_customer WHERE bill_month = DATE '"
                        + MONTH.atDay(1) + "'"));
        assertThat(count("SELECT count(*) FROM focus_1_2" + month + " AND (\"ChargeCategory\" IS NULL OR \"BillingCurrency\" IS NULL"
                + " OR \"ChargePeriodStart\" IS NULL OR \"ServiceName\" IS NULL)")).isZero();
        assertThat(count("SELECT count(*) FROM focus_1_2" + month + " AND \"ChargeCategory\" = 'Credit'")).isPositive();
        assertThat(decimal("SELECT sum(\"EffectiveCost\" + \"x_TaxAmount\" - \"BilledCost\") FROM focus_1_2" + month))
                .isEqualByComparingTo(BigDecimal.ZERO);
    }

    @Test
    void costByTagAddsUpToTheTagColumnsOfTheSimulatorsFiles() throws IOException {
        loadOnce();
        // the simulator's files of the month carry Tag:env and Tag:team (from SimulatedTags.TEAM_FROM on)
        java.util.Map<String, BigDecimal> expected = new java.util.TreeMap<>();
        for (long uin : customers) {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            SIMULATOR.data().writeCsv("l3", MONTH, uin, out);
            String text = out.toString(java.nio.charset.StandardCharsets.UTF_8).substring(1);
            for (org.apache.commons.csv.CSVRecord row : org.apache.commons.csv.CSVFormat.RFC4180.builder().setHeader()
                    .setSkipHeaderRecord(true).get().parse(new java.io.StringReader(text))) {
                BigDecimal cost = new BigDecimal(row.get("Total Cost (Including Tax)"));
                boolean tagged = false;
                for (String key : List.of("env", "team")) {
                    if (!row.get("Tag:" + key).isEmpty()) {
                        expected.merge(key + "=" + row.get("Tag:" + key), cost, BigDecimal::add);
                        tagged = true;
                    }
                }
                if (!tagged) {
                    expected.merge("untagged", cost, BigDecimal::add);
                }
            }
        }
        java.util.Map<String, BigDecimal> actual = new java.util.TreeMap<>();
        for (List<Object> row : query("SELECT coalesce(tag_key || '=' || tag_value, 'untagged'), sum(total_cost) FROM ("
                + costByTag() + ") WHERE bill_month = DATE '" + MONTH.atDay(1) + "' GROUP BY 1")) {
            actual.put((String) row.get(0), (BigDecimal) row.get(1));
        }
        expected.replaceAll((k, v) -> v.setScale(8));
        assertThat(expected).containsKeys("team=web \"shop\"", "team=数据平台", "untagged");
        assertThat(actual).isEqualTo(expected);
    }

    /** The "cost by tag" statement of docs/queries.sql, without its ORDER BY. */
    private static String costByTag() throws IOException {
        String file = Files.readString(Path.of("docs/queries.sql"));
        String statement = Arrays.stream(file.split(";\\s*\\n")).filter(s -> s.contains("json_each(b.tags)")).findFirst()
                .orElseThrow();
        return statement.lines().filter(l -> !l.startsWith("--") && !l.startsWith("ORDER BY"))
                .reduce("", (a, b) -> a + "\n" + b).strip();
    }

    @Test
    void theFileAndEveryViewGiveTheSameAnswersInDuckDb14And15Clients() throws Exception {
        loadOnce();
        List<Path> clients = olderClients();
        // every table and view, every column evaluated (the row cast to text), and the money totals
        List<String> checks = new ArrayList<>();
        for (List<Object> view : query("SELECT table_name FROM duckdb_tables() WHERE NOT internal UNION ALL "
                + "SELECT view_name FROM duckdb_views() WHERE NOT internal ORDER BY 1")) {
            checks.add("SELECT CAST(count(*) AS VARCHAR) FROM (SELECT * FROM \"" + view.get(0) + "\") t"
                    + " WHERE CAST(t AS VARCHAR) IS NOT NULL");
        }
        checks.add("SELECT CAST(sum(\"BilledCost\") AS VARCHAR), CAST(sum(\"EffectiveCost\") AS VARCHAR) FROM focus_1_2");
        checks.add("SELECT CAST(sum(total_cost) AS VARCHAR) FROM monthly_cost_by_customer");
        checks.add("SELECT CAST(sum(commission_amount) AS VARCHAR) FROM commission_by_customer");
        List<String> expected = new ArrayList<>();
        for (String sql : checks) {
            expected.add(String.join("|", query(sql).get(0).stream().map(String::valueOf).toList()));
        }
        assertThat(expected).as("tables and views found").hasSizeGreaterThan(20);

        for (Path client : clients) {
            List<String> answers = probe(client, checks);
            for (int i = 0; i < checks.size(); i++) {
                assertThat(answers.get(i + 1)).as("%s: %s", client.getFileName(), checks.get(i)).isEqualTo(expected.get(i));
            }
        }
    }

    @Test
    void aCopyOfTheDataDirectoryAnswersTheSameInOlderClientsFromAnotherWorkingDirectoryWithTheOriginalGone() throws Exception {
        loadOnce();
        List<Path> clients = olderClients();
        // every table and view: its row count, and per column the sum of a number, the total length of a text, the
        // first and last of a date or time (all as text, so every driver prints them alike)
        List<String> checks = new ArrayList<>();
        for (List<Object> relation : query("SELECT table_name FROM duckdb_tables() WHERE NOT internal UNION ALL "
                + "SELECT view_name FROM duckdb_views() WHERE NOT internal ORDER BY 1")) {
            checks.add(fingerprint(String.valueOf(relation.get(0))));
        }
        assertThat(checks).as("tables and views found").hasSizeGreaterThan(20).allMatch(sql -> sql.contains("), CAST("));
        List<String> expected = new ArrayList<>();
        for (String sql : checks) {
            expected.add(String.join("|", query(sql).get(0).stream().map(String::valueOf).toList()));
        }
        assertThat(expected).as("the month is loaded").anyMatch(answer -> !answer.startsWith("0|"));
        Path elsewhere = Files.createTempDirectory("tcbill-copied-");
        Path unrelated = Files.createTempDirectory("tcbill-analyst-cwd-");
        copyTree(DATA_DIR.resolve("curated"), elsewhere.resolve("data/curated"));
        Files.copy(DATA_DIR.resolve("tcbill.duckdb"), elsewhere.resolve("data/tcbill.duckdb"));
        // the original goes away while the copy is read (put back after, for the other tests of this context)
        Path db = DATA_DIR.resolve("tcbill.duckdb");
        Path curated = DATA_DIR.resolve("curated");
        Files.move(db, DATA_DIR.resolve("tcbill.duckdb.away"));
        Files.move(curated, DATA_DIR.resolve("curated.away"));
        try {
            for (Path client : clients) {
                List<String> answers = probe(client, elsewhere.resolve("data/tcbill.duckdb"), unrelated, checks);
                for (int i = 0; i < checks.size(); i++) {
                    assertThat(answers.get(i + 1)).as("%s: %s", client.getFileName(), checks.get(i)).isEqualTo(expected.get(i));
                }
            }
        } finally {
            Files.move(DATA_DIR.resolve("tcbill.duckdb.away"), db);
            Files.move(DATA_DIR.resolve("curated.away"), curated);
            deleteTree(elsewhere);
            deleteTree(unrelated);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (var paths = Files.walk(root)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    /** One query answering a relation's row count and a summary of each column, as one row of text cells. */
    private static String fingerprint(String relation) {
        List<String> cells = new ArrayList<>(List.of("CAST(count(*) AS VARCHAR)"));
        for (List<Object> column : query("SELECT column_name, data_type FROM duckdb_columns() WHERE table_name = '" + relation
                + "' ORDER BY column_index")) {
            String name = "\"" + column.get(0) + "\"";
            String type = String.valueOf(column.get(1));
            if (type.matches("(DECIMAL|BIGINT|INTEGER|SMALLINT|TINYINT|HUGEINT|DOUBLE|FLOAT).*")) {
                cells.add("CAST(sum(" + name + ") AS VARCHAR)");
            } else if (type.equals("VARCHAR")) {
                cells.add("CAST(sum(length(" + name + ")) AS VARCHAR)");
            } else if (type.matches("(DATE|TIMESTAMP|BOOLEAN).*")) {
                cells.add("CAST(min(" + name + ") AS VARCHAR) || '..' || CAST(max(" + name + ") AS VARCHAR)");
            } else {
                cells.add("CAST(count(" + name + ") AS VARCHAR)");
            }
        }
        return "SELECT " + String.join(", ", cells) + " FROM \"" + relation + "\"";
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (var paths = Files.walk(from)) {
            for (Path path : paths.toList()) {
                Path target = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(path, target);
                }
            }
        }
    }

    private static List<Path> olderClients() throws IOException {
        String clientsDir = System.getProperty("tcbill.duckdb-clients");
        assumeTrue(clientsDir != null, "run by Maven, which downloads the older clients (pom: duckdb-clients)");
        List<Path> clients;
        try (var jars = Files.list(Path.of(clientsDir))) {
            clients = jars.filter(p -> p.toString().endsWith(".jar")).sorted().toList();
        }
        assertThat(clients).extracting(p -> p.getFileName().toString())
                .anyMatch(name -> name.startsWith("duckdb_jdbc-1.4.")).anyMatch(name -> name.startsWith("duckdb_jdbc-1.5."));
        return clients;
    }

    /** The answers of {@link DuckDbClientProbe} run on the DuckDB file with {@code client} as its only driver. */
    private static List<String> probe(Path client, List<String> checks) throws Exception {
        return probe(client, DATA_DIR.resolve("tcbill.duckdb"), Path.of("").toAbsolutePath(), checks);
    }

    /** The same on {@code database}, the child's working directory being {@code workingDir}; checks its version too. */
    private static List<String> probe(Path client, Path database, Path workingDir, List<String> checks) throws Exception {
        Path classes = Path.of(DuckDbClientProbe.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m", "-cp", client + java.io.File.pathSeparator + classes, DuckDbClientProbe.class.getName(),
                database.toString()));
        command.addAll(checks);
        Process child = new ProcessBuilder(command).directory(workingDir.toFile()).redirectErrorStream(true).start();
        String output = new String(child.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(child.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(child.exitValue()).as("%s exit; output:%n%s", client.getFileName(), output).isZero();
        List<String> lines = output.lines().filter(l -> !l.startsWith("WARNING") && !l.startsWith("SLF4J")).toList();
        assertThat(lines).as(output).hasSize(checks.size() + 1);
        String version = client.getFileName().toString().replaceAll("duckdb_jdbc-(\\d+\\.\\d+).*", "$1");
        assertThat(lines.get(0)).as("client version").startsWith("version v" + version + ".");
        return lines;
    }

    private static int emptyCustomers() {
        return (int) customers.stream().filter(uin -> SIMULATOR.data().expected("l3", MONTH, uin).rows() == 0).count();
    }
}
