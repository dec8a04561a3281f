package io.tcbill.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

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
    void anEmptyFileStaysEmpty() throws IOException {
        assertThat(number("")).isEmpty();
    }

    private static String number(String csv) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        NumberedCsv.copy(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), out);
        return out.toString(StandardCharsets.UTF_8);
    }
}
