package io.tcbill.load;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.CRC32;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.utils.InputStreamStatistics;
import org.springframework.util.unit.DataSize;

/**
 * Inflates a pack's entries within {@link PackLimits}: the bytes are counted as they come out of the inflater, and a
 * buffer is checked against every limit before it is written, so no entry writes more than its limit to disk whatever
 * sizes the ZIP claims. Each entry's CRC-32 and size are then checked against its central-directory record (a changed
 * digit in a stored entry loads otherwise).
 */
final class PackExtraction {

    private static final int BUFFER = 64 * 1024;
    private static final String STOPPED = "; extraction stopped there and nothing of the pack is published";

    private static final byte[][] ARCHIVE_MAGIC = {{'P', 'K', 3, 4}, {'P', 'K', 5, 6}, {0x1f, (byte) 0x8b},
            {'7', 'z', (byte) 0xbc, (byte) 0xaf}, {'R', 'a', 'r', '!'}, {'B', 'Z', 'h'}, {(byte) 0xfd, '7', 'z', 'X', 'Z'},
            {0x28, (byte) 0xb5, 0x2f, (byte) 0xfd}};

    private final ZipFile archive;
    private final String sourceKey;
    private final PackLimits limits;
    private final long packSize;
    private final byte[] buffer = new byte[BUFFER];
    private long total;

    PackExtraction(ZipFile archive, String sourceKey, PackLimits limits, long packSize) {
        this.archive = archive;
        this.sourceKey = sourceKey;
        this.limits = limits;
        this.packSize = packSize;
    }

    /** Extracts one entry to {@code target}, within the limits, and checks its CRC-32 and size. */
    void copy(ZipArchiveEntry entry, Path target) {
        CRC32 crc = new CRC32();
        long bytes = 0;
        try (InputStream in = archive.getInputStream(entry); OutputStream out = Files.newOutputStream(target)) {
            for (int n = read(in, entry); n > 0; n = read(in, entry)) {
                if (bytes == 0 && startsLikeAnArchive(buffer, n)) {
                    throw fail(entry, "is a nested archive (its bytes start like one), not a CSV; a pack must hold only"
                            + " CSVs, so nothing of it is published: check the pack and pull the month again");
                }
                bytes += n;
                total += n;
                checkLimits(entry, bytes, in instanceof InputStreamStatistics s ? s.getCompressedCount() : entry.getCompressedSize());
                crc.update(buffer, 0, n);
                write(out, n, target);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot extract pack " + sourceKey + " entry " + entry.getName(), e);
        }
        if (crc.getValue() != entry.getCrc() || (entry.getSize() >= 0 && bytes != entry.getSize())) {
            throw fail(entry, "is corrupt: its " + bytes + " bytes have CRC-32 " + hex(crc.getValue()) + ", the ZIP records "
                    + entry.getSize() + " bytes with CRC-32 " + hex(entry.getCrc()) + "; nothing of the pack is published:"
                    + " pull the month again");
        }
    }

    /** A directory entry holds no bytes; one that does would hide them. */
    void checkEmpty(ZipArchiveEntry entry) {
        try (InputStream in = archive.getInputStream(entry)) {
            if (in.read() >= 0) {
                throw fail(entry, "is a directory that holds data; nothing of the pack is published: check the pack");
            }
        } catch (IOException e) {
            throw fail(entry, "cannot be read (" + e.getMessage() + "); nothing of the pack is published: pull the month again");
        }
    }

    /** Fills the buffer (fewer bytes only at the entry's end); a read error is the entry's corruption. */
    private int read(InputStream in, ZipArchiveEntry entry) {
        try {
            return in.readNBytes(buffer, 0, BUFFER);
        } catch (IOException e) {
            throw fail(entry, "is corrupt (" + e.getMessage() + "); nothing of the pack is published: pull the month again");
        }
    }

    private void write(OutputStream out, int n, Path target) {
        try {
            out.write(buffer, 0, n);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the pack's entry to " + target.getFileName(), e);
        }
    }

    private void checkLimits(ZipArchiveEntry entry, long bytes, long compressed) {
        long floor = limits.ratioFloor().toBytes();
        if (bytes > limits.maxEntryBytes().toBytes()) {
            throw beyond(entry, "inflates past tcbill.pack.max-entry-bytes=" + show(limits.maxEntryBytes()));
        }
        if (total > limits.maxBytes().toBytes()) {
            throw beyond(entry, "takes the pack's inflated bytes past tcbill.pack.max-bytes=" + show(limits.maxBytes()));
        }
        if (bytes > floor && bytes > (double) limits.maxRatio() * Math.max(compressed, 1)) {
            throw beyond(entry, "inflates more than tcbill.pack.max-ratio=" + limits.maxRatio() + " times its compressed size ("
                    + bytes + " bytes from " + compressed + "), like a zip bomb");
        }
        if (total > floor && total > (double) limits.maxRatio() * Math.max(packSize, 1)) {
            throw beyond(entry, "takes the pack past tcbill.pack.max-ratio=" + limits.maxRatio() + " times its size ("
                    + total + " bytes from a pack of " + packSize + "), like a zip bomb");
        }
    }

    private RawFileException beyond(ZipArchiveEntry entry, String what) {
        return fail(entry, what + STOPPED + ": raise the limit only if the pack is genuine");
    }

    private RawFileException fail(ZipArchiveEntry entry, String what) {
        return new RawFileException("pack " + sourceKey + " entry " + entry.getName() + " " + what);
    }

    /** ZIP, gzip, 7-Zip, RAR, bzip2, xz and zstd magic bytes. */
    private static boolean startsLikeAnArchive(byte[] bytes, int length) {
        for (byte[] magic : ARCHIVE_MAGIC) {
            if (length >= magic.length && Arrays.equals(bytes, 0, magic.length, magic, 0, magic.length)) {
                return true;
            }
        }
        return false;
    }

    private static String hex(long crc) {
        return String.format("%08x", crc);
    }

    /** A size as it would be configured: {@code 4GB}, {@code 512MB}, {@code 64KB} or bytes. */
    static String show(DataSize size) {
        long bytes = size.toBytes();
        for (String unit : new String[] {"TB", "GB", "MB", "KB"}) {
            long scale = DataSize.parse("1" + unit).toBytes();
            if (bytes >= scale && bytes % scale == 0) {
                return bytes / scale + unit;
            }
        }
        return bytes + "B";
    }
}
