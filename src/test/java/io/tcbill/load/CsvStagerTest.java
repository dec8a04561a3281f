package io.tcbill.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvStagerTest {

    @Test
    void trimmingOnlyTheValuesThatMayNeedItGivesWhatTrimmingEveryValueGives() throws Exception {
        List<String> values = Arrays.asList("plain", " lead", "trail ", "  ", "", null, "\u3000全角\u3000", "上海云端",
                "a b", "\u00A0nbsp", "end\u2003", "\ttab", "x\t", "é", "ok-1", "abc\u3000", "x\u00A0", "mid\u3000dle");
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:")) {
            Sql.execute(db, "CREATE TABLE t (i INT, v VARCHAR)");
            for (int i = 0; i < values.size(); i++) {
                Sql.execute(db, "INSERT INTO t VALUES (" + i + ", " + Sql.literal(values.get(i)) + ")");
            }

            List<List<String>> guarded = Sql.query(db, "SELECT " + CsvStager.trimmed("v") + " FROM t ORDER BY i");
            List<List<String>> everyValue = Sql.query(db, "SELECT NULLIF(trim(v), '') FROM t ORDER BY i");

            assertThat(guarded).isEqualTo(everyValue);
            List<String> column = new ArrayList<>();
            guarded.forEach(row -> column.add(row.get(0)));
            assertThat(column).containsExactly("plain", "lead", "trail", null, null, null, "全角", "上海云端", "a b",
                    "nbsp", "end", "\ttab", "x\t", "é", "ok-1", "abc", "x", "mid\u3000dle");
        }
    }
}
