package io.tcbill.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.tcbill.IntegrationTest;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tag columns of real-shaped L3 files through the loader into bill_l3.tags, focus_1_3's Tags and the ready query "cost
 * by tag": a key enabled in a later month, more keys than Tencent's documented 15, values needing JSON escapes.
 */
@IntegrationTest
class TagsIntegrationTest {

    static final YearMonth APRIL = YearMonth.of(2024, 4);
    static final YearMonth MAY = MonthLoaderIntegrationTest.MAY;
    static final List<String> MANY = IntStream.rangeClosed(1, 16).mapToObj(i -> String.format("k%02d", i)).toList();

    @TempDir
    Path dir;
    Path db;
    MonthLoader loader;
    /** Per month and transaction id: the row's total cost and its tag values as written in the file. */
    final Map<String, Source> sources = new LinkedHashMap<>();

    record Source(YearMonth month, BigDecimal totalCost, Map<String, String> tags) {
    }

    @BeforeEach
    void setUp() {
        db = dir.resolve("data/tcbill.duckdb");
        loader = new MonthLoader(DuckDbProperties.at(db));
    }

    @Test
    void tagColumnsBecomeOneJsonObjectPerRowOutOfExtraColumnsAndCostByTagAddsUp() throws Exception {
        // given: April has only Tag:env; in May the customer enabled a Chinese-named team key and 16 more keys
        List<String> aprilTags = List.of("env");
        List<String> mayTags = new ArrayList<>(List.of("env", "team 团队"));
        mayTags.addAll(MANY);
        Path april = file(APRIL, aprilTags, "Tag:", List.of(
                row("a-1", "10.5", "prod"),
                row("a-2", "-2.25", "dev"),
                row("a-3", "1", "")));
        Path may = file(MAY, mayTags, "标签：", List.of(
                row("m-1", "100.12345678", "prod", "数据平台", "x"),
                row("m-2", "7", "prod", "web \"shop\"", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "last"),
                row("m-3", "0.5", "back\\slash", "line\nbreak", "\u0001ctl"),
                row("m-4", "3", "  ", ""),
                row("m-5", "-1.5", "dev", "  数据平台  ")));

        // when
        assertThat(loader.load(new LoadRequest(MonthLoaderIntegrationTest.L3, APRIL,
                List.of(MonthLoaderIntegrationTest.input(april, 5L)), true)).allLoaded()).isTrue();
        assertThat(loader.load(new LoadRequest(MonthLoaderIntegrationTest.L3, MAY,
                List.of(MonthLoaderIntegrationTest.input(may, 5L)), true)).allLoaded()).isTrue();

        // then: each row's tags are its non-empty tag values, exactly
        JsonMapper json = JsonMapper.shared();
        List<List<Object>> rows = AnalystDb.queryRows(db, "SELECT transaction_id, tags, extra_columns FROM bill_l3 ORDER BY 1");
        assertThat(rows).extracting(r -> r.get(0)).containsExactlyInAnyOrderElementsOf(sources.keySet());
        for (List<Object> row : rows) {
            Map<String, String> expected = sources.get((String) row.get(0)).tags();
            if (expected.isEmpty()) {
                assertThat(row.get(1)).as("%s", row.get(0)).isNull();
            } else {
                assertThat(json.readValue((String) row.get(1), new TypeReference<LinkedHashMap<String, String>>() { }))
                        .as("%s: %s", row.get(0), row.get(1)).containsExactlyEntriesOf(expected);
            }
            // tag columns are not extra columns; the one unknown column is
            assertThat((String) row.get(2)).isEqualTo("{\"Promo Code\":\"P-" + row.get(0) + "\"}");
        }
        assertThat(AnalystDb.queryRows(db, "SELECT DISTINCT extra_columns FROM load_log")).containsExactly(List.of("Promo Code"));
        assertThat(AnalystDb.query(db, "SELECT count(*) FROM focus_1_3 f JOIN bill_l3 b ON f.\"x_TransactionId\" = b.transaction_id"
                + " WHERE f.\"Tags\" IS NOT DISTINCT FROM b.tags")).isEqualTo((long) sources.size());

        // and the ready query gives each key and value the cost of the rows carrying it, untagged rows under NULL
        Map<String, BigDecimal> expected = new TreeMap<>();
        sources.values().forEach(source -> {
            if (source.tags().isEmpty()) {
                expected.merge(source.month() + "|null|null", source.totalCost(), BigDecimal::add);
            }
            source.tags().forEach((key, value) -> expected.merge(source.month() + "|" + key + "|" + value, source.totalCost(),
                    BigDecimal::add));
        });
        Map<String, BigDecimal> actual = new TreeMap<>();
        for (List<Object> row : AnalystDb.queryRows(db, costByTagQuery())) {
            actual.put(row.get(0).toString().substring(0, 7) + "|" + row.get(1) + "|" + row.get(2),
                    ((BigDecimal) row.get(4)).stripTrailingZeros());
        }
        expected.replaceAll((k, v) -> v.stripTrailingZeros());
        assertThat(actual).isEqualTo(expected);
    }

    /** The "cost by tag" statement of docs/queries.sql, as analysts run it. */
    static String costByTagQuery() throws Exception {
        return Arrays.stream(Files.readString(Path.of("docs/queries.sql")).split(";\\s*\\n"))
                .map(s -> s.lines().filter(l -> !l.startsWith("--")).reduce("", (a, b) -> a + "\n" + b).strip())
                .filter(s -> s.contains("json_each(b.tags)")).findFirst().orElseThrow();
    }

    private static List<String> row(String transactionId, String totalCost, String... tagValues) {
        List<String> row = new ArrayList<>(List.of(transactionId, totalCost));
        row.addAll(Arrays.asList(tagValues));
        return row;
    }

    /** An L3 file of customer 5 with a tag column per key (header prefix {@code prefix}) and an unknown column. */
    private Path file(YearMonth month, List<String> keys, String prefix, List<List<String>> rows) {
        List<String> headers = new ArrayList<>(BillCsv.L3_HEADERS);
        keys.forEach(k -> headers.add(prefix + k));
        headers.add("Promo Code");
        BillCsv csv = BillCsv.withHeaders(headers).payer(5).bom().crlf();
        for (List<String> row : rows) {
            Map<String, String> overrides = new HashMap<>();
            Map<String, String> tags = new LinkedHashMap<>();
            for (int i = 2; i < row.size(); i++) {
                overrides.put(prefix + keys.get(i - 2), row.get(i));
                String trimmed = row.get(i).replaceAll("^[ \u3000]+|[ \u3000]+$", "");
                if (!trimmed.isEmpty()) {
                    tags.put(keys.get(i - 2), trimmed);
                }
            }
            overrides.put("Promo Code", "P-" + row.get(0));
            overrides.put("TransactionTime", month + "-03 10:00:00");
            overrides.put("Billable Month", month.toString());
            csv.row(row.get(0), row.get(1), overrides);
            sources.put(row.get(0), new Source(month, new BigDecimal(row.get(1)), tags));
        }
        return csv.write(dir.resolve("raw/" + month + ".csv"));
    }
}
