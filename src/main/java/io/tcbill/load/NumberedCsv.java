package io.tcbill.load;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Copies a CSV, putting the physical line each record starts on in front of it as a first column
 * ({@value #LINE_COLUMN} in the header), so DuckDB can parse the copy in parallel, in any order, and every row and
 * every rejected record still knows its exact line in the raw file. DuckDB numbers nothing in a parallel scan.
 *
 * <p>Record boundaries are found as RFC 4180 (and DuckDB's reader with {@code quote = '"', escape = '"'}) finds them:
 * a line break ends a record unless it lies inside a value that opened with a quote at its start; {@code ""} inside
 * such a value is a quote; a quote elsewhere is an ordinary character. A blank line gets no number (DuckDB skips it),
 * and a UTF-8 byte order mark is dropped. One pass, one 1 MiB buffer each way.
 */
final class NumberedCsv {

    static final String LINE_COLUMN = "_tcbill_line";

    private static final int BUFFER = 1 << 20;
    private static final int DIGITS = 21;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private NumberedCsv() {
    }

    /** Writes the numbered copy of {@code csv} to {@code target}. */
    static void write(Path csv, Path target) {
        try (InputStream in = Files.newInputStream(csv); OutputStream out = Files.newOutputStream(target)) {
            copy(in, out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot number the lines of " + csv + " into " + target, e);
        }
    }

    /**
     * The index of the first line break or quote in {@code bytes[from, to)}, or {@code to}: eight bytes at a time (a
     * byte equal to one of them is a zero byte of the word XOR that byte repeated; the lowest flagged byte is exact).
     */
    static int nextBreakOrQuote(byte[] bytes, int from, int to) {
        int i = from;
        while (i + Long.BYTES <= to) {
            long word = (long) LONGS.get(bytes, i);
            long breaks = word ^ 0x0A0A0A0A0A0A0A0AL;
            long quotes = word ^ 0x2222222222222222L;
            long zero = ((breaks - 0x0101010101010101L) & ~breaks | (quotes - 0x0101010101010101L) & ~quotes)
                    & 0x8080808080808080L;
            if (zero != 0) {
                return i + (Long.numberOfTrailingZeros(zero) >>> 3);
            }
            i += Long.BYTES;
        }
        while (i < to && bytes[i] != '\n' && bytes[i] != '"') {
            i++;
        }
        return i;
    }

    static void copy(InputStream in, OutputStream out) throws IOException {
        new Copy(out).run(in);
    }

    /**
     * The copy's state across buffers. Only line breaks and quotes need looking at: a quote opens a quoted value when
     * it is a record's first byte or follows a comma; between them, bytes are copied in bulk.
     */
    private static final class Copy {

        private final OutputStream out;
        private final byte[] output = new byte[BUFFER];
        private int o;
        private long line = 1;
        private boolean header = true;
        private boolean recordStart = true;
        private boolean quoted;
        private boolean quoteClosing;
        private byte previous;

        Copy(OutputStream out) {
            this.out = out;
        }

        void run(InputStream in) throws IOException {
            byte[] input = new byte[BUFFER];
            int length = in.readNBytes(input, 0, input.length);
            boolean bom = length >= BOM.length && input[0] == BOM[0] && input[1] == BOM[1] && input[2] == BOM[2];
            int start = bom ? BOM.length : 0;
            while (length > 0) {
                scan(input, start, length);
                previous = input[length - 1];
                start = 0;
                length = in.readNBytes(input, 0, input.length);
            }
            flush();
        }

        private void scan(byte[] input, int start, int length) throws IOException {
            int segment = start;
            int recordBegin = -1;
            int i = start;
            while (i < length) {
                if (recordStart) {
                    byte b = input[i];
                    if (b == '\n' || b == '\r') {
                        line += b == '\n' ? 1 : 0; // a blank line: DuckDB skips it, so it gets no number
                        i++;
                        continue;
                    }
                    append(input, segment, i - segment);
                    segment = i;
                    prefix();
                    recordStart = false;
                    recordBegin = i;
                }
                if (quoteClosing) {
                    quoteClosing = false;
                    if (input[i] == '"') { // an escaped quote: the value goes on
                        quoted = true;
                        i++;
                        continue;
                    }
                }
                if (quoted) {
                    while (i < length && input[i] != '"') {
                        if (input[i] == '\n') {
                            line++;
                        }
                        i++;
                    }
                    if (i < length) {
                        quoted = false;
                        quoteClosing = true;
                        i++;
                    }
                    continue;
                }
                i = nextBreakOrQuote(input, i, length);
                if (i == length) {
                    break;
                }
                if (input[i] == '\n') {
                    line++;
                    recordStart = true;
                } else {
                    byte before = i > start ? input[i - 1] : previous;
                    quoted = i == recordBegin || before == ',';
                }
                i++;
            }
            append(input, segment, length - segment);
        }

        private void prefix() throws IOException {
            if (header) {
                header = false;
                byte[] name = (LINE_COLUMN + ",").getBytes(StandardCharsets.US_ASCII);
                append(name, 0, name.length);
                return;
            }
            if (output.length - o < DIGITS) {
                flush();
            }
            int digits = 1;
            for (long rest = line / 10; rest > 0; rest /= 10) {
                digits++;
            }
            long rest = line;
            for (int d = o + digits - 1; d >= o; d--) {
                output[d] = (byte) ('0' + rest % 10);
                rest /= 10;
            }
            output[o + digits] = ',';
            o += digits + 1;
        }

        private void append(byte[] bytes, int from, int count) throws IOException {
            if (count > output.length - o) {
                flush();
                if (count > output.length) {
                    out.write(bytes, from, count);
                    return;
                }
            }
            System.arraycopy(bytes, from, output, o, count);
            o += count;
        }

        private void flush() throws IOException {
            out.write(output, 0, o);
            o = 0;
        }
    }
}
