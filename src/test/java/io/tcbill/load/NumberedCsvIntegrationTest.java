package io.tcbill.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.tcbill.IntegrationTest;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whatever mix of line endings a file has, DuckDB's strict reader of the numbered copy gets every record exactly. */
@IntegrationTest
class NumberedCsvIntegrationTest {

    private static final String[] ENDINGS = {"\n", "\r\n", "\r"};
    private static final String[] PIECES = {"a", "Acme, Pte", "腾讯云", "x\ny", "p\rq", "r\r\ns", "say \"hi\"", "", " ", "😀", "1.5"};

    @TempDir
    Path dir;

    @Test
    void randomMixesOfLfCrlfAndLoneCrReadExactlyWithTheirLines() throws Exception {
        Random random = new Random(20261207);
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:")) {
            for (int round = 0; round < 40; round++) {
                // given records of three values, quoted where needed, ended by random line breaks, maybe blank lines
                List<List<String>> records = new ArrayList<>();
                List<Long> lines = new ArrayList<>();
                StringBuilder csv = new StringBuilder(random.nextBoolean() ? "\uFEFF" : "").append("a,b,c");
                String ending = ENDINGS[random.nextInt(3)];
                csv.append(ending);
                long line = 2;
                for (int r = 0; r < 1 + random.nextInt(60); r++) {
                    if (random.nextInt(8) == 0) {
                        csv.append(ending.equals("\r") ? "\r\n" : ENDINGS[random.nextInt(2)]); // not LF after CR

                        line++;
                    }
                    List<String> values = List.of(piece(random), piece(random), "n" + r);
                    records.add(values);
                    lines.add(line);
                    for (String value : values) {
                        line += value.chars().filter(c -> c == '\n').count();
                    }
                    csv.append(values.stream().map(BillCsv::quote).collect(Collectors.joining(",")));
                    ending = ENDINGS[random.nextInt(3)];
                    csv.append(ending);
                    line++;
                }
                Path file = Files.writeString(dir.resolve("in-" + round + ".csv"), csv, StandardCharsets.UTF_8);

                // when numbered (in two halves or one) and read by DuckDB as the load reads it
                List<Path> parts = NumberedCsv.write(file, dir, "n-" + round, random.nextBoolean() ? 64 : 1 << 20);
                List<List<String>> read = Sql.query(db, "SELECT * FROM read_csv("
                        + parts.stream().map(Sql::literal).collect(Collectors.joining(", ", "[", "]"))
                        + ", header = true, auto_detect = false, columns = {'_tcbill_line': 'BIGINT', 'a': 'VARCHAR', "
                        + "'b': 'VARCHAR', 'c': 'VARCHAR'}, delim = ',', quote = '\"', escape = '\"', new_line = '\\n', "
                        + "encoding = 'utf-8') ORDER BY 1");

                // then every record, its values exact (an empty one is NULL) and its physical line
                List<List<String>> expected = new ArrayList<>();
                for (int r = 0; r < records.size(); r++) {
                    List<String> row = new ArrayList<>();
                    row.add(String.valueOf(lines.get(r)));
                    records.get(r).forEach(v -> row.add(v.isEmpty() ? null : v));
                    expected.add(row);
                }
                assertThat(read).as("round %d: %s", round, csv).isEqualTo(expected);
                assertThat(commonsCsv(csv.toString())).as("round %d", round).isEqualTo(records);
            }
        }
    }

    private static String piece(Random random) {
        return PIECES[random.nextInt(PIECES.length)];
    }

    /** The same text read by Commons CSV, which takes LF, CRLF and a lone CR as line breaks too. */
    private static List<List<String>> commonsCsv(String csv) throws Exception {
        String text = csv.startsWith("\uFEFF") ? csv.substring(1) : csv;
        List<List<String>> records = new ArrayList<>();
        try (CSVParser parser = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(text))) {
            for (CSVRecord record : parser) {
                records.add(record.toList());
            }
        }
        return records;
    }
}
