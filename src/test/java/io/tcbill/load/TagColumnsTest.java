package io.tcbill.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

class TagColumnsTest {

    @TempDir
    Path dir;

    final HeaderMapping l3 = HeaderMapping.read("schema/mappings/bill_l3.csv");

    @Test
    void aTagHeaderIsTagOrBiaoqianAColonAndTheKey() {
        assertThat(TagColumns.keyOf("Tag:env")).isEqualTo("env");
        assertThat(TagColumns.keyOf(" TAG : cost center ")).isEqualTo("cost center");
        assertThat(TagColumns.keyOf("标签：项目")).isEqualTo("项目");
        assertThat(TagColumns.keyOf("分账标签:team")).isEqualTo("team");
        assertThat(TagColumns.keyOf("tag:a:b")).isEqualTo("a:b");
        assertThat(TagColumns.keyOf("Tag:")).isNull();
        assertThat(TagColumns.keyOf("Tag Keys")).isNull();
        assertThat(TagColumns.keyOf("Promo Tag")).isNull();
        assertThat(TagColumns.keyOf("Tags")).isNull();
    }

    @Test
    void tagHeadersAreNeitherMappedNorExtraAlsoWhenTheKeySpellsAMappedHeader() throws Exception {
        int mapped = BillCsv.L3_HEADERS.size();
        Path file = csv(String.join(",", BillCsv.L3_HEADERS) + ",Tag:Region,Tag:Payer Account ID,标签:env,Tag:env,Unknown\n");

        FileLayout layout = l3.withTagColumns().layout(file, "raw/l3/a.csv");

        assertThat(layout.targets().subList(mapped, mapped + 5)).containsOnlyNulls();
        assertThat(layout.targets().subList(0, mapped)).contains("region", "payer_account_id").doesNotContainNull();
        assertThat(layout.tagKeys().subList(0, mapped)).containsOnlyNulls();
        assertThat(layout.tagKeys().subList(mapped, mapped + 5)).containsExactly("Region", "Payer Account ID", "env", null, null);
        // a second column of the same key is kept rather than merged or dropped
        assertThat(layout.extraHeaders()).containsExactly("Tag:env", "Unknown");
    }

    @Test
    void aTableWithoutTagsKeepsTagHeadersAsExtra() throws Exception {
        Path file = csv(String.join(",", BillCsv.L3_HEADERS) + ",Tag:env\n");

        FileLayout layout = l3.layout(file, "raw/l3/b.csv");

        assertThat(layout.tagKeys()).containsOnlyNulls();
        assertThat(layout.extraHeaders()).containsExactly("Tag:env");
    }

    @Test
    void keysAndValuesNeedingJsonEscapesRoundTripAndEmptyValuesAreLeftOut() throws Exception {
        List<String> keys = List.of("env", "a \"quoted\" key", "back\\slash", "部门", "emoji 🚀", "/slash");
        List<List<String>> rows = List.of(
                Arrays.asList("prod", "say \"hi\"", "C:\\dir\\", "研发部", "🚀 launch", "</script>"),
                Arrays.asList("line\nbreak\ttab", "\u0001ctl\u0002 x", "", "  ", null, "  padded  "),
                Arrays.asList("", null, " ", null, "", null),
                Arrays.asList("\u00e9\u0301", "\\u0041", "{\"json\":1}", "'single'", "\u3000全角\u3000", "mid\u2028sep"));
        FileLayout layout = layout(keys);

        List<String> tags = pivot(layout, rows);

        JsonMapper json = JsonMapper.shared();
        for (int r = 0; r < rows.size(); r++) {
            Map<String, String> expected = new LinkedHashMap<>();
            for (int k = 0; k < keys.size(); k++) {
                String value = rows.get(r).get(k);
                // the loader trims values as DuckDB's trim does: spaces, also full-width ones, not tabs or control characters
                String trimmed = value == null ? null : value.replaceAll("^[ \u3000]+|[ \u3000]+$", "");
                if (trimmed != null && !trimmed.isEmpty()) {
                    expected.put(keys.get(k), trimmed);
                }
            }
            if (expected.isEmpty()) {
                assertThat(tags.get(r)).as("row %d", r).isNull();
            } else {
                assertThat(json.readValue(tags.get(r), new TypeReference<LinkedHashMap<String, String>>() { }))
                        .as("row %d: %s", r, tags.get(r)).containsExactlyEntriesOf(expected);
            }
        }
    }

    @Test
    void aFileWithoutTagColumnsHasNoTags() {
        FileLayout layout = new FileLayout(List.of("Region"), List.of("region"), java.util.Set.of());

        assertThat(TagColumns.json(layout)).isEqualTo("CAST(NULL AS VARCHAR)");
    }

    /** A layout of only tag columns, as the mapping makes it from their headers. */
    private FileLayout layout(List<String> keys) throws Exception {
        StringJoiner header = new StringJoiner(",");
        BillCsv.L3_HEADERS.forEach(header::add);
        keys.forEach(k -> header.add(BillCsv.quote("Tag:" + k)));
        FileLayout layout = l3.withTagColumns().layout(csv(header + "\n"), "raw/l3/c.csv");
        assertThat(layout.tagKeys().stream().filter(java.util.Objects::nonNull).toList()).containsExactlyElementsOf(keys);
        return layout;
    }

    /** Runs the pivot over the tag values of rows held in the reader's column names, as the CSV stager does. */
    private static List<String> pivot(FileLayout layout, List<List<String>> rows) throws Exception {
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:")) {
            StringJoiner columns = new StringJoiner(", ", "(i INT, ", ")");
            for (int i = 0; i < layout.headers().size(); i++) {
                columns.add(Sql.identifier(layout.readerName(i)) + " VARCHAR");
            }
            Sql.execute(db, "CREATE TABLE t " + columns);
            for (int r = 0; r < rows.size(); r++) {
                StringJoiner values = new StringJoiner(", ", "(" + r + ", ", ")");
                int tag = 0;
                for (int i = 0; i < layout.headers().size(); i++) {
                    String v = layout.tagKeys().get(i) == null ? null : rows.get(r).get(tag++);
                    values.add(v == null ? "NULL" : Sql.literal(v));
                }
                Sql.execute(db, "INSERT INTO t VALUES " + values);
            }
            List<String> tags = new ArrayList<>();
            Sql.query(db, "SELECT " + TagColumns.json(layout) + " FROM t ORDER BY i").forEach(row -> tags.add(row.get(0)));
            return tags;
        }
    }

    private Path csv(String text) throws Exception {
        return Files.writeString(dir.resolve("h" + System.nanoTime() + ".csv"), text, StandardCharsets.UTF_8);
    }
}
