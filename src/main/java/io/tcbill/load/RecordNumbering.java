package io.tcbill.load;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The copy loop of {@link NumberedCsv}: writes each record with its first physical line in front of it, across
 * buffers, checking on the way that the bytes are UTF-8. Only line breaks, quotes and non-ASCII bytes need looking
 * at: a quote opens a quoted value when it is a record's first byte or follows a comma; between them, bytes are
 * copied in bulk. Records are written ending in LF whatever ended them (LF, CRLF or a lone CR outside quotes), and
 * blank lines are left out, so DuckDB sees one kind of line break; line breaks inside quoted values are copied as
 * they are. Not thread-safe; one per part.
 */
final class RecordNumbering {

    private static final int DIGITS = 21;
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGH = 0x8080808080808080L;

    private final OutputStream out;
    private final byte[] output = new byte[NumberedCsv.BUFFER];
    private int o;
    private long line;
    private long offset;
    private boolean header;
    private boolean recordStart = true;
    private boolean quoted;
    private boolean quoteClosing;
    private boolean afterCr;
    private boolean loneCr;
    private byte previous;
    /** The UTF-8 sequence under way: continuation bytes still due, the range of the next one, where it began. */
    private int due;
    private int low = 0x80;
    private int high = 0xBF;
    private long sequenceStart;
    /** Where the current record starts in the file, and whether it is the header, for error messages. */
    private long recordOffset = -1;
    private boolean headerRecord;

    /**
     * @param firstOffset the file offset of the first byte to be copied, for error messages
     * @param header      whether the bytes start the file: a byte order mark and blank lines are dropped and the first
     *                    record is the header (named, not numbered)
     */
    RecordNumbering(OutputStream out, long firstLine, long firstOffset, boolean header) {
        this.out = out;
        this.line = firstLine;
        this.offset = firstOffset;
        this.header = header;
    }

    /**
     * Copies at most {@code limit} bytes of {@code in}.
     *
     * @throws NotUtf8Exception at the first byte that is not part of a UTF-8 character
     */
    void run(InputStream in, long limit) throws IOException {
        byte[] input = new byte[NumberedCsv.BUFFER];
        long remaining = limit;
        int length = in.readNBytes(input, 0, (int) Math.min(input.length, remaining));
        int start = header && NumberedCsv.startsWithBom(input, length) ? NumberedCsv.BOM.length : 0;
        while (length > 0) {
            scan(input, start, length);
            previous = input[length - 1];
            remaining -= length;
            offset += length;
            start = 0;
            length = in.readNBytes(input, 0, (int) Math.min(input.length, remaining));
        }
        if (due > 0) {
            throw notUtf8(sequenceStart, "starts a UTF-8 character that the file cuts short");
        }
        flush();
    }

    /** Whether the bytes so far end a record (not inside a quoted value). */
    boolean atRecordStart() {
        return recordStart && !quoted;
    }

    /** Whether a carriage return not followed by a line feed ended a record or a blank line (lines then differ from LFs). */
    boolean sawLoneCr() {
        return loneCr;
    }

    private void scan(byte[] input, int start, int length) throws IOException {
        int segment = start;
        int recordBegin = -1;
        int i = due > 0 ? utf8(input, start, length) : start;
        while (i < length) {
            if (recordStart) {
                byte b = input[i];
                if (b == '\n' || b == '\r' || header && (b == ' ' || b == '\t')) { // a blank line: left out
                    blank(b);
                    segment = ++i;
                    continue;
                }
                loneCr |= afterCr;
                afterCr = false;
                recordOffset = offset + i;
                headerRecord = header;
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
            i = nextSpecial(input, i, length);
            if (i == length) {
                break;
            }
            byte b = input[i];
            if (b < 0) {
                i = utf8(input, i, length);
            } else if (quoted) {
                if (b == '"') {
                    quoted = false;
                    quoteClosing = true;
                } else if (b == '\n') {
                    line++;
                }
                i++;
            } else if (b == '\n' || b == '\r') {
                if (b == '\n') {
                    append(input, segment, i + 1 - segment);
                } else {
                    append(input, segment, i - segment);
                    append(NumberedCsv.LF, 0, 1);
                }
                segment = ++i;
                line++;
                recordStart = true;
                afterCr = b == '\r';
            } else {
                if (b == '"') {
                    byte before = i > start ? input[i - 1] : previous;
                    quoted = i == recordBegin || before == ',';
                }
                i++;
            }
        }
        append(input, segment, length - segment);
    }

    /** A byte of a blank line (or of the blanks before the header): counts lines, an LF after a CR ending none. */
    private void blank(byte b) {
        if (b == '\n') {
            line += afterCr ? 0 : 1;
            afterCr = false;
            return;
        }
        loneCr |= afterCr;
        afterCr = b == '\r';
        line += afterCr ? 1 : 0;
    }

    /**
     * Checks the UTF-8 characters from {@code i} on and returns the index of the first ASCII byte after them (or
     * {@code length}, a character may go on in the next buffer). Strict: no overlong forms, surrogates or code points
     * past U+10FFFF.
     */
    private int utf8(byte[] input, int i, int length) {
        while (due > 0 && i < length) { // the rest of a character begun in the previous buffer
            continuation(input[i++] & 0xFF);
        }
        while (i < length && input[i] < 0) {
            int b = input[i] & 0xFF;
            int more = b >= 0xC2 && b <= 0xDF ? 1 : b >= 0xE0 && b <= 0xEF ? 2 : b >= 0xF0 && b <= 0xF4 ? 3 : 0;
            if (more == 0) {
                throw notUtf8(offset + i, "cannot start a UTF-8 character");
            }
            int first = b == 0xE0 ? 0xA0 : b == 0xF0 ? 0x90 : 0x80;
            int last = b == 0xED ? 0x9F : b == 0xF4 ? 0x8F : 0xBF;
            if (i + more < length) { // the whole character is in this buffer
                int next = input[i + 1] & 0xFF;
                boolean valid = next >= first && next <= last;
                for (int k = 2; k <= more; k++) {
                    valid &= (input[i + k] & 0xC0) == 0x80;
                }
                if (!valid) {
                    throw notUtf8(offset + i, "starts a UTF-8 character that the next byte does not continue");
                }
                i += more + 1;
            } else {
                sequenceStart = offset + i;
                low = first;
                high = last;
                due = more;
                for (i++; i < length; i++) {
                    continuation(input[i] & 0xFF);
                }
            }
        }
        return i;
    }

    private NotUtf8Exception notUtf8(long at, String what) {
        return new NotUtf8Exception(at, line, recordOffset, headerRecord, what);
    }

    private void continuation(int b) {
        if (b < low || b > high) {
            throw notUtf8(sequenceStart, "starts a UTF-8 character that the next byte does not continue");
        }
        due--;
        low = 0x80;
        high = 0xBF;
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
     * The index of the first quote, control character (line breaks among them) or non-ASCII byte in
     * {@code bytes[from, to)}, or {@code to}: eight bytes at a time. In a word, a byte below 0x20 borrows from its high
     * bit when 0x20 is taken from it, a quote is a zero byte of the word XOR quotes, and a non-ASCII byte has its high
     * bit set; borrows may flag bytes above a flagged one, so the lowest flagged byte is exact. ASCII text without
     * them, nearly all of a bill, costs a handful of operations per eight bytes.
     */
    static int nextSpecial(byte[] bytes, int from, int to) {
        int i = from;
        while (i + Long.BYTES <= to) {
            long word = (long) NumberedCsv.LONGS.get(bytes, i);
            long quotes = word ^ 0x2222222222222222L;
            long flags = ((word - 0x20 * ONES) & ~word | (quotes - ONES) & ~quotes | word) & HIGH;
            if (flags != 0) {
                return i + (Long.numberOfTrailingZeros(flags) >>> 3);
            }
            i += Long.BYTES;
        }
        while (i < to && bytes[i] >= 0x20 && bytes[i] != '"') {
            i++;
        }
        return i;
    }
}
