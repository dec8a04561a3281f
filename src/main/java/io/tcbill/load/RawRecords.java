package io.tcbill.load;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;

/**
 * Reads chosen records of a raw CSV back as text, by the physical line each starts on, finding records and lines as
 * {@link NumberedCsv} does (a line break ends a record unless inside a value that opened with a quote; blank lines
 * are no records; the first record is the header). Used only for the few rows a check sets aside after the parallel
 * read, so it reads byte by byte.
 */
final class RawRecords {

    /** Receives each wanted record, in file order. */
    interface Sink {
        void accept(long line, String record) throws SQLException;
    }

    private RawRecords() {
    }

    /**
     * @param lines the start lines of the wanted records, ascending; a record longer than {@link RejectedRows#RAW_LINE_MAX}
     *              characters is cut there
     */
    static void read(Path csv, long[] lines, Sink sink) throws IOException, SQLException {
        int cap = RejectedRows.RAW_LINE_MAX * 4;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(csv), NumberedCsv.BUFFER)) {
            skipBom(in);
            ByteArrayOutputStream record = new ByteArrayOutputStream();
            int next = 0;
            long line = 1;
            long recordLine = 0;
            boolean header = true;
            boolean recordStart = true;
            boolean wanted = false;
            boolean quoted = false;
            boolean quoteClosing = false;
            boolean first = false;
            int previous = -1;
            for (int b = in.read(); b != -1 && next < lines.length; b = in.read()) {
                if (recordStart) {
                    if (b == '\n' || b == '\r') {
                        line += b == '\n' ? 1 : 0;
                        continue;
                    }
                    recordStart = false;
                    recordLine = line;
                    while (next < lines.length && lines[next] < recordLine) {
                        next++;
                    }
                    wanted = !header && next < lines.length && lines[next] == recordLine;
                    first = true;
                    record.reset();
                }
                if (b == '\n' && !quoted) {
                    line++;
                    if (wanted) {
                        sink.accept(recordLine, text(record));
                        next++;
                    }
                    header = false;
                    recordStart = true;
                    quoteClosing = false;
                    continue;
                }
                if (wanted && record.size() < cap) {
                    record.write(b);
                }
                boolean atBegin = first;
                first = false;
                if (quoteClosing) {
                    quoteClosing = false;
                    if (b == '"') { // an escaped quote: the value goes on
                        quoted = true;
                        previous = b;
                        continue;
                    }
                }
                if (quoted) {
                    line += b == '\n' ? 1 : 0;
                    if (b == '"') {
                        quoted = false;
                        quoteClosing = true;
                    }
                } else if (b == '"') {
                    quoted = atBegin || previous == ',';
                }
                previous = b;
            }
            if (wanted && !recordStart && next < lines.length) {
                sink.accept(recordLine, text(record));
            }
        }
    }

    private static void skipBom(InputStream in) throws IOException {
        in.mark(NumberedCsv.BOM.length);
        byte[] start = in.readNBytes(NumberedCsv.BOM.length);
        if (!NumberedCsv.startsWithBom(start, start.length)) {
            in.reset();
        }
    }

    private static String text(ByteArrayOutputStream record) {
        String text = record.toString(StandardCharsets.UTF_8);
        int end = text.length();
        while (end > 0 && (text.charAt(end - 1) == '\r' || text.charAt(end - 1) == '\n')) {
            end--;
        }
        return text.substring(0, Math.min(end, RejectedRows.RAW_LINE_MAX));
    }
}
