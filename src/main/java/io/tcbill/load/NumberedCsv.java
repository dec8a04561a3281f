package io.tcbill.load;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Copies a CSV, putting the physical line each record starts on in front of it as a first column
 * ({@value #LINE_COLUMN} in the header), so DuckDB can parse the copy in parallel, in any order, and every row and
 * every rejected record still knows its exact line in the raw file. DuckDB numbers nothing in a parallel scan.
 *
 * <p>Record boundaries are found as RFC 4180 (and DuckDB's reader with {@code quote = '"', escape = '"'}) finds them:
 * a line break ends a record unless it lies inside a value that opened with a quote at its start; {@code ""} inside
 * such a value is a quote; a quote elsewhere is an ordinary character. A line break is LF, CRLF or a lone CR (files
 * may mix them); in the copy every record ends in LF, so DuckDB's strict reader sees one kind, while line breaks
 * inside quoted values are kept as they are. Lines are counted by LF, and by a lone CR outside quotes. Blank lines
 * get no number and are left out, as are a UTF-8 byte order mark and blank or white-space-only lines before the
 * header. The bytes must be UTF-8 ({@link NotUtf8Exception} otherwise). One pass, one 1 MiB buffer each way per
 * thread.
 */
final class NumberedCsv {

    static final String LINE_COLUMN = "_tcbill_line";
    /** What goes in front of the header record: the line column's name. */
    static final byte[] HEADER_PREFIX = (LINE_COLUMN + ",").getBytes(StandardCharsets.US_ASCII);

    static final long SPLIT_AT_LEAST = 64L << 20;
    static final int BUFFER = 1 << 20;
    static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    static final byte[] LF = {'\n'};

    private NumberedCsv() {
    }

    /**
     * Writes the numbered copy of {@code csv} as {@code <name>-1.csv} and, for a file of at least {@value #SPLIT_AT_LEAST}
     * bytes, {@code <name>-2.csv} (each with the header): the second half, from the first line break after the middle,
     * is numbered on another thread at the same time (after counting the line breaks before it). Should that line
     * break lie inside a quoted value, or a lone CR have ended a line before it, the file is numbered again in one
     * part. Returns the parts in file order.
     *
     * @throws NotUtf8Exception at the file's first byte that is not UTF-8
     */
    static List<Path> write(Path csv, Path dir, String name) {
        return write(csv, dir, name, SPLIT_AT_LEAST);
    }

    static List<Path> write(Path csv, Path dir, String name, long splitAtLeast) {
        Path first = dir.resolve(name + "-1.csv");
        Path second = dir.resolve(name + "-2.csv");
        try {
            long size = Files.size(csv);
            long split = size < splitAtLeast ? -1 : recordStartAfter(csv, size / 2);
            if (split < 0) {
                number(csv, 0, size, first, 1);
                return List.of(first);
            }
            CompletableFuture<Void> secondHalf = CompletableFuture.runAsync(() -> {
                try (InputStream in = range(csv, split); OutputStream out = Files.newOutputStream(second)) {
                    out.write(HEADER_PREFIX);
                    out.write(headerLine(csv));
                    new RecordNumbering(out, 1 + lineBreaks(csv, split), split, false).run(in, size - split);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            boolean cleanCut;
            try {
                cleanCut = number(csv, 0, split, first, 1);
            } finally { // an error of the first half lies before any of the second's, so it is the one thrown
                secondHalf.exceptionally(e -> null).join();
            }
            RuntimeException secondError = join(secondHalf);
            if (cleanCut && secondError == null) {
                return List.of(first, second);
            }
            if (cleanCut) {
                Files.deleteIfExists(second);
                if (secondError instanceof UncheckedIOException u) {
                    throw u.getCause();
                }
                throw secondError;
            }
            Files.deleteIfExists(second);
            number(csv, 0, size, first, 1);
            return List.of(first);
        } catch (NotUtf8Exception e) {
            CsvStager.deleteQuietly(first);
            CsvStager.deleteQuietly(second);
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy a CSV for reading into the work directory " + dir, e);
        }
    }

    private static RuntimeException join(CompletableFuture<Void> secondHalf) {
        try {
            secondHalf.join();
            return null;
        } catch (CompletionException e) {
            return e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    /** Numbers bytes {@code [from, to)} of csv into target; true when they end at a record's end. */
    private static boolean number(Path csv, long from, long to, Path target, long firstLine) throws IOException {
        try (InputStream in = range(csv, from); OutputStream out = Files.newOutputStream(target)) {
            RecordNumbering copy = new RecordNumbering(out, firstLine, from, true);
            copy.run(in, to - from);
            return copy.atRecordStart() && !copy.sawLoneCr();
        }
    }

    private static InputStream range(Path csv, long from) throws IOException {
        FileChannel channel = FileChannel.open(csv, StandardOpenOption.READ);
        channel.position(from);
        return Channels.newInputStream(channel);
    }

    /** The offset just after the first line break at or after {@code from}, or -1. */
    private static long recordStartAfter(Path csv, long from) throws IOException {
        try (InputStream in = range(csv, from)) {
            byte[] buffer = new byte[BUFFER];
            long offset = from;
            for (int n = in.readNBytes(buffer, 0, BUFFER); n > 0; n = in.readNBytes(buffer, 0, BUFFER)) {
                for (int i = 0; i < n; i++) {
                    if (buffer[i] == '\n') {
                        return offset + i + 1;
                    }
                }
                offset += n;
            }
            return -1;
        }
    }

    /**
     * The header record's bytes as the first part has them: without a byte order mark or the blank lines before it,
     * ending in LF.
     */
    private static byte[] headerLine(Path csv) throws IOException {
        try (InputStream in = Files.newInputStream(csv)) {
            byte[] start = in.readNBytes(BUFFER);
            int from = startsWithBom(start, start.length) ? BOM.length : 0;
            while (from < start.length && (start[from] == '\n' || start[from] == '\r' || start[from] == ' ' || start[from] == '\t')) {
                from++;
            }
            int end = from;
            while (end < start.length && start[end] != '\n' && start[end] != '\r') {
                end++;
            }
            byte[] header = java.util.Arrays.copyOfRange(start, from, end + 1);
            header[header.length - 1] = '\n';
            return header;
        }
    }

    /** How many line breaks the first {@code length} bytes hold, eight bytes at a time. */
    private static long lineBreaks(Path csv, long length) throws IOException {
        long count = 0;
        try (InputStream in = Files.newInputStream(csv)) {
            byte[] buffer = new byte[BUFFER];
            long remaining = length;
            while (remaining > 0) {
                int n = in.readNBytes(buffer, 0, (int) Math.min(BUFFER, remaining));
                if (n == 0) {
                    break;
                }
                int i = 0;
                for (; i + Long.BYTES <= n; i += Long.BYTES) {
                    long x = (long) LONGS.get(buffer, i) ^ 0x0A0A0A0A0A0A0A0AL;
                    long nonZero = ((x & 0x7F7F7F7F7F7F7F7FL) + 0x7F7F7F7F7F7F7F7FL) | x | 0x7F7F7F7F7F7F7F7FL;
                    count += Long.bitCount(~nonZero);
                }
                for (; i < n; i++) {
                    count += buffer[i] == '\n' ? 1 : 0;
                }
                remaining -= n;
            }
        }
        return count;
    }

    static boolean startsWithBom(byte[] bytes, int length) {
        return length >= BOM.length && bytes[0] == BOM[0] && bytes[1] == BOM[1] && bytes[2] == BOM[2];
    }

    /** Numbers all of {@code in} into {@code out} in one part. */
    static void copy(InputStream in, OutputStream out) throws IOException {
        new RecordNumbering(out, 1, 0, true).run(in, Long.MAX_VALUE);
    }

}
