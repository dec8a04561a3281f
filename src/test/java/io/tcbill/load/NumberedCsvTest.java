package io.tcbill.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each record gets the physical line it starts on; record boundaries follow RFC 4180 quoting. */
class NumberedCsvTest {

    @Test
    void numbersRecordsByTheirFirstPhysicalLineThroughQuotedLineBreaksAndBlankLines() throws IOException {
        // given a BOM, CRLF, a quoted value over two lines, an escaped quote, a blank line and a quote mid-value
        String csv = "\uFEFFid,name,note\r\n"
                + "1,a,\"first\r\nsecond\"\r\n"
                + "2,\"b \"\"quoted\"\", c\",x\r\n"
                + "\r\n"
                + "3,c\"d,y\r\n"
                + "4,\"\",\"\"";

        // when
        String numbered = number(csv);

        // then
        assertThat(numbered).isEqualTo("_tcbill_line,id,name,note\r\n"
                + "2,1,a,\"first\r\nsecond\"\r\n"
                + "4,2,\"b \"\"quoted\"\", c\",x\r\n"
                + "\r\n"
                + "6,3,c\"d,y\r\n"
                + "7,4,\"\",\"\"");
    }

    @Test
    void recordsLongerThanTheBufferAndQuotesAcrossBuffersKeepTheirNumbers() throws IOException {
        // given records around 1 MiB buffers, one with a quoted value holding line breaks that crosses a buffer edge
        StringBuilder csv = new StringBuilder("a,b\n");
        StringBuilder expected = new StringBuilder("_tcbill_line,a,b\n");
        int line = 2;
        for (int i = 0; i < 3000; i++) {
            String value = i % 700 == 0 ? "\"" + "x\n".repeat(200) + "\"\"y\"" : "v".repeat(700 + i % 13);
            csv.append(i).append(',').append(value).append('\n');
            expected.append(line).append(',').append(i).append(',').append(value).append('\n');
            line += 1 + (int) value.chars().filter(c -> c == '\n').count();
        }

        // when / then
        assertThat(number(csv.toString())).isEqualTo(expected.toString());
    }

    @Test
    void aLargeFileIsNumberedInTwoHalvesAtOnceWithTheSameNumbers(@TempDir Path dir) throws IOException {
        // given a file whose middle falls between records
        StringBuilder csv = new StringBuilder("\uFEFFa,b\r\n");
        for (int i = 0; i < 2000; i++) {
            csv.append(i).append(i % 100 == 0 ? ",\"x\r\ny\"\r\n" : ",value\r\n");
        }
        Path file = Files.writeString(dir.resolve("in.csv"), csv);

        // when numbered with a split size below its size
        List<Path> parts = NumberedCsv.write(file, dir, "n", 1024);

        // then two parts, the second with the header, together the same as numbering it in one go
        assertThat(parts).hasSize(2);
        String second = Files.readString(parts.get(1));
        assertThat(second).startsWith("_tcbill_line,a,b\r\n");
        assertThat(Files.readString(parts.get(0)) + second.substring("_tcbill_line,a,b\r\n".length()))
                .isEqualTo(number(csv.toString()));
    }

    @Test
    void aMiddleInsideAQuotedValueFallsBackToOnePart(@TempDir Path dir) throws IOException {
        // given a file whose middle lies inside a quoted value spanning many lines
        String csv = "a,b\n1,\"" + "line\n".repeat(400) + "\"\n2,x\n";
        Path file = Files.writeString(dir.resolve("in.csv"), csv);

        // when / then: one part, numbered as in one go
        List<Path> parts = NumberedCsv.write(file, dir, "n", 16);
        assertThat(parts).hasSize(1);
        assertThat(Files.readString(parts.get(0))).isEqualTo(number(csv)).endsWith("\n403,2,x\n");
    }

    @Test
    void anEmptyFileStaysEmpty() throws IOException {
        assertThat(number("")).isEmpty();
    }

    private static String number(String csv) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        NumberedCsv.copy(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), out);
        return out.toString(StandardCharsets.UTF_8);
    }
}
