package io.tcbill.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class RowChecksTest {

    @Test
    void onlyPlainPositiveDecimalIntegersThatFitBigintAreIds() throws Exception {
        List<String> values = Arrays.asList("700108201723", " 700108201723 ", "1", "9223372036854775807", "", "  ", null,
                "7.00108E+11", "700108201723.6", "700108201723.0", "0x10", "-5", "+5", "0", "007", "7001 08", "1_000",
                "9223372036854775808", "99999999999999999999", "1e3", "１２", "12a");
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:")) {
            Sql.execute(db, "CREATE TABLE t (i INT, v VARCHAR)");
            for (int i = 0; i < values.size(); i++) {
                Sql.execute(db, "INSERT INTO t VALUES (" + i + ", " + Sql.literal(values.get(i)) + ")");
            }

            List<String> ids = new ArrayList<>();
            Sql.query(db, "SELECT " + RowChecks.strictId("v") + " FROM t ORDER BY i").forEach(row -> ids.add(row.get(0)));

            String invalid = Long.toString(RowChecks.INVALID_ID);
            assertThat(ids).containsExactly("700108201723", "700108201723", "1", "9223372036854775807", null, null, null,
                    invalid, invalid, invalid, invalid, invalid, invalid, invalid, invalid, invalid, invalid,
                    invalid, invalid, invalid, invalid, invalid);
        }
    }
}
