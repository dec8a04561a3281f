package io.tcbill.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

        // then records end in LF (line breaks in quoted values stay) and the blank line is left out
        assertThat(numbered).isEqualTo("_tcbill_line,id,name,note\n"
                + "2,1,a,\"first\r\nsecond\"\n"
                + "4,2,\"b \"\"quoted\"\", c\",x\n"
                + "6,3,c\"d,y\n"
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
        assertThat(second).startsWith("_tcbill_line,a,b\n");
        assertThat(Files.readString(parts.get(0)) + second.substring("_tcbill_line,a,b\n".length()))
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
    void mixedLineEndingsAndLoneCrsEndEveryRecordInLfAndKeepQuotedValuesAsTheyAre() throws IOException {
        // given CRLF records, an LF record, a lone CR inside a quoted value, a record ended by a lone CR, "\r\r\n"
        String csv = "a,b\r\n1,x\r\n2,y\n3,\"p\rq\"\r\n4,z\r5,w\r\r\n6,\"r\r\ns\"\r\n7,v";

        // when / then: one kind of record end; lines counted by LF and by the lone CRs outside quotes
        assertThat(number(csv)).isEqualTo("_tcbill_line,a,b\n2,1,x\n3,2,y\n4,3,\"p\rq\"\n5,4,z\n6,5,w\n8,6,\"r\r\ns\"\n10,7,v");
    }

    @Test
    void blankAndWhiteSpaceOnlyLinesBeforeTheHeaderAreLeftOut() throws IOException {
        assertThat(number("\uFEFF\r\n \t\n\n  a,b\r\n1,2\r\n")).isEqualTo("_tcbill_line,a,b\n5,1,2\n");
    }

    @Test
    void aLoneCrBeforeTheMiddleMakesTheCopyOnePartWithTheSameNumbers(@TempDir Path dir) throws IOException {
        // given a lone CR ending a record in the first half, which counting LFs for the second half would miss
        StringBuilder csv = new StringBuilder("a,b\r1,x\r");
        for (int i = 2; i < 400; i++) {
            csv.append(i).append(",value\n");
        }
        Path file = Files.writeString(dir.resolve("in.csv"), csv);

        List<Path> parts = NumberedCsv.write(file, dir, "n", 64);

        assertThat(parts).hasSize(1);
        assertThat(Files.readString(parts.get(0))).isEqualTo(number(csv.toString())).endsWith("\n400,399,value\n");
    }

    @Test
    void theFirstByteThatIsNotUtf8StopsTheCopyWithItsOffsetAndLine() {
        byte[] gbk = "a,b\n1,腾讯\n".getBytes(java.nio.charset.Charset.forName("GB18030"));

        assertThatThrownBy(() -> number(gbk)).isInstanceOfSatisfying(NotUtf8Exception.class, e -> {
            assertThat(e.offset()).isEqualTo(6);
            assertThat(e.line()).isEqualTo(2);
        });
    }

    @Test
    void utf8IsCheckedStrictlyAcrossBuffersAndToTheEnd() throws IOException {
        // a four-byte character across the 1 MiB buffer edge is fine
        byte[] edge = ("a\n" + "x".repeat(NumberedCsv.BUFFER - 4) + "😀\n").getBytes(StandardCharsets.UTF_8);
        assertThat(number(edge)).endsWith("😀\n");
        // an overlong slash, a surrogate, a code point past U+10FFFF, a lone continuation byte, a cut-off character
        for (byte[] bad : List.of(new byte[] {'a', '\n', (byte) 0xC0, (byte) 0xAF}, new byte[] {'a', '\n', (byte) 0xED, (byte) 0xA0, (byte) 0x80},
                new byte[] {'a', '\n', (byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, new byte[] {'a', '\n', (byte) 0x80},
                new byte[] {'a', '\n', 'b', (byte) 0xE8, (byte) 0x85})) {
            assertThatThrownBy(() -> number(bad)).isInstanceOf(NotUtf8Exception.class)
                    .satisfies(e -> assertThat(((NotUtf8Exception) e).offset()).isBetween(2L, 3L));
        }
    }

    @Test
    void anInvalidByteInTheSecondHalfIsReportedWithItsFileOffsetAndLine(@TempDir Path dir) throws IOException {
        StringBuilder csv = new StringBuilder("a,b\r\n");
        for (int i = 0; i < 300; i++) {
            csv.append(i).append(",value\r\n");
        }
        byte[] bytes = (csv + "300,caf\u00E9\r\n").getBytes(java.nio.charset.Charset.forName("windows-1252"));
        Path file = Files.write(dir.resolve("in.csv"), bytes);

        assertThatThrownBy(() -> NumberedCsv.write(file, dir, "n", 64)).isInstanceOfSatisfying(NotUtf8Exception.class, e -> {
            assertThat(e.offset()).isEqualTo(bytes.length - 3);
            assertThat(e.line()).isEqualTo(302);
        });
        assertThat(dir.resolve("n-1.csv")).doesNotExist();
        assertThat(dir.resolve("n-2.csv")).doesNotExist();
    }

    @Test
    void theLikelyEncodingOfTextThatIsNotUtf8() {
        assertThat(NotUtf8Exception.likelyEncoding("上海云端数据有限公司,默认项目".getBytes(java.nio.charset.Charset.forName("GB18030"))))
                .isEqualTo("GB18030");
        assertThat(NotUtf8Exception.likelyEncoding("Société Générale, Müller".getBytes(java.nio.charset.Charset.forName("windows-1252"))))
                .isEqualTo("windows-1252");
        assertThat(NotUtf8Exception.likelyEncoding("a,b".getBytes(StandardCharsets.UTF_16))).isEqualTo("UTF-16");
    }

    @Test
    void anEmptyFileStaysEmpty() throws IOException {
        assertThat(number("")).isEmpty();
    }

    private static String number(String csv) throws IOException {
        return number(csv.getBytes(StandardCharsets.UTF_8));
    }

    private static String number(byte[] csv) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        NumberedCsv.copy(new ByteArrayInputStream(csv), out);
        return out.toString(StandardCharsets.UTF_8);
    }
}
