package io.tcbill.load;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * A raw CSV holds a byte that is not UTF-8 (an export in a Windows code page, such as GBK for Chinese text). Thrown by
 * {@link RecordNumbering} at the first such byte; {@link #describe} turns it into the one-line message of the failed
 * file, with a guess at the encoding the file was written in.
 */
final class NotUtf8Exception extends RuntimeException {

    private static final int SAMPLE = 64 << 10;

    private static final int RECORD_MAX = 16 << 20;

    private final long offset;
    private final long line;
    private final long recordOffset;
    private final boolean header;

    /**
     * @param recordOffset where the record holding the byte starts (-1: unknown)
     * @param header       whether that record is the header
     */
    NotUtf8Exception(long offset, long line, long recordOffset, boolean header, String what) {
        super(what, null, false, false);
        this.offset = offset;
        this.line = line;
        this.recordOffset = recordOffset;
        this.header = header;
    }

    long offset() {
        return offset;
    }

    long line() {
        return line;
    }

    /**
     * The message for the raw file: its label (source key, and pack entry), the byte, its offset, line and column, the
     * likely encoding and what to do.
     *
     * @param file    the bytes the offset counts in (the raw CSV or the pack entry)
     * @param headers the file's headers, to name the column; null when not known
     */
    String describe(String label, Path file, List<String> headers) {
        byte[] sample = sample(file);
        String encoding = likelyEncoding(sample);
        String convert = encoding == null ? "" : " or convert it (iconv -f " + encoding + " -t UTF-8)";
        return "file " + label + " is not UTF-8 text: at byte offset " + offset + " (line " + line + column(file, headers)
                + ") " + byteAt(file)
                + " " + getMessage() + "; " + (encoding == null ? "its encoding is unknown" : "it looks like "
                + switch (encoding) {
                    case "GB18030" -> "GB18030 (Chinese Windows, GBK)";
                    case "UTF-16" -> "UTF-16 (Windows \"Unicode\")";
                    default -> "Windows-1252 (Western European Windows)";
                } + " text") + ". Ask the sender for the file in UTF-8" + convert;
    }

    /** ", column 2 'Customer Name'": counted as the commas outside quotes between the record's start and the byte. */
    private String column(Path file, List<String> headers) {
        if (recordOffset < 0 || offset - recordOffset > RECORD_MAX) {
            return "";
        }
        int column = 1;
        try (InputStream in = Files.newInputStream(file)) {
            in.skipNBytes(recordOffset);
            boolean quoted = false;
            for (byte b : in.readNBytes((int) (offset - recordOffset))) {
                quoted ^= b == '"';
                column += b == ',' && !quoted ? 1 : 0;
            }
        } catch (IOException e) {
            return "";
        }
        return ", column " + column + (header ? " of the header"
                : headers != null && column <= headers.size() ? " '" + headers.get(column - 1) + "'" : "");
    }

    private String byteAt(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            in.skipNBytes(offset);
            int b = in.read();
            return b < 0 ? "the file's end" : String.format(Locale.ROOT, "byte 0x%02X", b);
        } catch (IOException e) {
            return "a byte";
        }
    }

    /** Up to 64 KiB from the start of the line holding the byte, ending at a line break where one is near. */
    private byte[] sample(Path file) {
        long from = Math.max(0, offset - 4096);
        try (InputStream in = Files.newInputStream(file)) {
            in.skipNBytes(from);
            byte[] bytes = in.readNBytes(SAMPLE);
            int start = (int) (offset - from);
            while (start > 0 && bytes[start - 1] != '\n') {
                start--;
            }
            int end = bytes.length;
            while (end > start + 1 && bytes.length == SAMPLE && bytes[end - 1] != '\n') {
                end--;
            }
            return java.util.Arrays.copyOfRange(bytes, start, end);
        } catch (IOException e) {
            return new byte[0];
        }
    }

    /**
     * UTF-16 when they start with its byte order mark, GB18030 when the bytes decode as it strictly and hold two non-ASCII characters in a row (Chinese text does;
     * Western text read as GB18030 gives lone characters between ASCII letters), else Windows-1252 when they decode as
     * that, else GB18030 if they decode at all, else null.
     */
    static String likelyEncoding(byte[] bytes) {
        if (bytes.length >= 2 && (bytes[0] == (byte) 0xFE && bytes[1] == (byte) 0xFF || bytes[0] == (byte) 0xFF && bytes[1] == (byte) 0xFE)) {
            return "UTF-16";
        }
        String chinese = decode(bytes, "GB18030");
        if (chinese != null && hasAdjacentNonAscii(chinese)) {
            return "GB18030";
        }
        if (decode(bytes, "windows-1252") != null) {
            return "windows-1252";
        }
        return chinese != null ? "GB18030" : null;
    }

    private static boolean hasAdjacentNonAscii(String text) {
        for (int i = 1; i < text.length(); i++) {
            if (text.charAt(i) >= 0x80 && text.charAt(i - 1) >= 0x80) {
                return true;
            }
        }
        return false;
    }

    private static String decode(byte[] bytes, String charset) {
        try {
            CharBuffer chars = Charset.forName(charset).newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
            return chars.toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
