package io.tcbill.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnswerCopyTest {

    @TempDir
    Path dir;

    @Test
    void numbersDuckDbWouldReadAsDoublesBecomeStringsOfTheirExactTextAndEachAnswerGetsItsLine() throws Exception {
        // given
        Path raw = Files.writeString(dir.resolve("raw.ndjson"), "{\"action\":\"X\",\"customer_uin\":800000000001,"
                + "\"response\":{\"A\":12345678901234.12345678,\"B\":[0.1,1e3,-0.00000001],\"C\":42,"
                + "\"D\":123456789012345678901234,\"E\":\"7.50\",\"F\":null,\"G\":true}}\n\n"
                + "  {\"_line\":99,\"action\":\"Y\",\"response\":{}}\n");
        String before = Files.readString(raw);

        // when
        AnswerCopy.write(raw, dir.resolve("copy.ndjson"), "raw/x.ndjson");

        // then
        assertThat(Files.readAllLines(dir.resolve("copy.ndjson")).stream().map(String::strip)).containsExactly(
                "{\"_line\":1,\"action\":\"X\",\"customer_uin\":800000000001,\"response\":{\"A\":\"12345678901234.12345678\","
                        + "\"B\":[\"0.1\",\"1e3\",\"-0.00000001\"],\"C\":42,\"D\":\"123456789012345678901234\",\"E\":\"7.50\","
                        + "\"F\":null,\"G\":true}}",
                "{\"_line\":3,\"action\":\"Y\",\"response\":{}}");
        assertThat(Files.readString(raw)).isEqualTo(before);
    }

    @Test
    void anEnvelopeThatIsNotAnAnswerFailsNamingTheLine() throws Exception {
        String good = "{\"action\":\"X\",\"customer_uin\":1,\"response\":{}}\n";
        assertFails(good + "{\"action\":\"X\",\"customer_uin\":-5,\"response\":{}}",
                "file raw/x.ndjson line 2 is not an API answer: its customer_uin is not a positive integer");
        assertFails(good + "{\"action\":\"X\",\"customer_uin\":7.00108E+11,\"response\":{}}",
                "file raw/x.ndjson line 2 is not an API answer: its customer_uin is not a positive integer");
        assertFails(good + "{\"action\":\"X\",\"response\":[]}",
                "file raw/x.ndjson line 2 is not an API answer: its response is not a JSON object");
        assertFails("{\"customer_uin\":1,\"response\":{}}", "file raw/x.ndjson line 1 is not an API answer: it has no action");
        assertFails("{\"action\":\"X\"}", "file raw/x.ndjson line 1 is not an API answer: it has no response object");
        assertFails(good + "\"text\"", "file raw/x.ndjson line 2 is not an API answer: it is a string, not a JSON object");
    }

    private void assertFails(String content, String message) throws Exception {
        Path raw = Files.writeString(dir.resolve("raw.ndjson"), content);
        assertThatThrownBy(() -> AnswerCopy.write(raw, dir.resolve("copy.ndjson"), "raw/x.ndjson"))
                .isInstanceOf(RawFileException.class).hasMessage(message);
    }
}
