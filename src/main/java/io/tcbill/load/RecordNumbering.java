package io.tcbill.load;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The copy loop of {@link NumberedCsv}: writes each record with its first physical line in front of it, across
 * buffers. Only line breaks and quotes need looking at: a quote opens a quoted value when it is a record's first byte
 * or follows a comma; between them, bytes are copied in bulk. Not thread-safe; one per part.
 */
final class RecordNumbering {

    private static final int DIGITS = 21;

    private final OutputStream out;
    private final byte[] output = new byte[NumberedCsv.BUFFER];
    private int o;
    private long line;
    private boolean header;
    private boolean recordStart = true;
    private boolean quoted;
    private boolean quoteClosing;
    private byte previous;

    /**
     * @param header whether the bytes start the file: a byte order mark is dropped and the first record is the header
     *               (named, not numbered)
     */
    RecordNumbering(OutputStream out, long firstLine, boolean header) {
        this.out = out;
        this.line = firstLine;
        this.header = header;
    }

    /** Copies at most {@code limit} bytes of {@code in}. */
    void run(InputStream in, long limit) throws IOException {
        byte[] input = new byte[NumberedCsv.BUFFER];
        long remaining = limit;
        int length = in.readNBytes(input, 0, (int) Math.min(input.length, remaining));
        int start = header && NumberedCsv.startsWithBom(input, length) ? NumberedCsv.BOM.length : 0;
        while (length > 0) {
            scan(input, start, length);
            previous = input[length - 1];
            remaining -= length;
            start = 0;
            length = in.readNBytes(input, 0, (int) Math.min(input.length, remaining));
        }
        flush();
    }

    /** Whether the bytes so far end a record (not inside a quoted value). */
    boolean atRecordStart() {
        return recordStart && !quoted;
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
            append(NumberedCsv.HEADER_PREFIX, 0, NumberedCsv.HEADER_PREFIX.length);
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

    /**
     * The index of the first line break or quote in {@code bytes[from, to)}, or {@code to}: eight bytes at a time (a
     * byte equal to one of them is a zero byte of the word XOR that byte repeated; the lowest flagged byte is exact).
     */
    static int nextBreakOrQuote(byte[] bytes, int from, int to) {
        int i = from;
        while (i + Long.BYTES <= to) {
            long word = (long) NumberedCsv.LONGS.get(bytes, i);
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
}
