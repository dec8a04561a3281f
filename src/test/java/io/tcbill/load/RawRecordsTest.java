package io.tcbill.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RawRecordsTest {

    @TempDir
    Path dir;

    @Test
    void readsTheWantedRecordsByTheLineTheyStartOnAsNumberedCsvNumbersThem() throws Exception {
        // given: a BOM, CRLF, a blank line, a quoted line break, an escaped quote and a quote inside an unquoted value
        String csv = "\uFEFFa,b,c\r\n"
                + "1,x,2\r\n"                     // line 2
                + "\r\n"                          // line 3: blank, no record
                + "3,\"two\r\nlines\",4\r\n"      // lines 4-5
                + "5,\"say \"\"hi\"\"\",6\r\n"    // line 6
                + "7,in\"ch,8\r\n"                // line 7
                + ",,\n"                          // line 8
                + "9,last,10";                    // line 9, no final line break
        Path file = Files.writeString(dir.resolve("a.csv"), csv, StandardCharsets.UTF_8);

        Map<Long, String> read = new LinkedHashMap<>();
        RawRecords.read(file, new long[] {1, 4, 6, 7, 8, 9}, read::put);

        assertThat(read).containsExactly(Map.entry(4L, "3,\"two\r\nlines\",4"), Map.entry(6L, "5,\"say \"\"hi\"\"\",6"),
                Map.entry(7L, "7,in\"ch,8"), Map.entry(8L, ",,"), Map.entry(9L, "9,last,10"));
    }

    @Test
    void numbersRecordsAfterTheHeaderLikeTheNumberedCopyDoes() throws Exception {
        String csv = "\n\"h,1\",h2\n\"a\nb\",c\nd,e\n";
        Path file = Files.writeString(dir.resolve("b.csv"), csv, StandardCharsets.UTF_8);
        Path numbered = NumberedCsv.write(file, dir, "n").get(0);

        Map<Long, String> read = new LinkedHashMap<>();
        RawRecords.read(file, new long[] {3, 5}, read::put);

        assertThat(Files.readString(numbered)).contains("3,\"a\nb\",c", "5,d,e");
        assertThat(read).containsExactly(Map.entry(3L, "\"a\nb\",c"), Map.entry(5L, "d,e"));
    }
}
