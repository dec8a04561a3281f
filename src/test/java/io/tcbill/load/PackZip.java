package io.tcbill.load;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Builds a reseller pack for tests: a ZIP of CSVs (or anything else), entries in insertion order. */
final class PackZip {

    private record Content(String name, byte[] bytes, long zeros) {
    }

    private final List<Content> entries = new ArrayList<>();
    private boolean stored;

    PackZip entry(String name, Path csv) {
        try {
            return entry(name, Files.readAllBytes(csv));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    PackZip entry(String name, byte[] bytes) {
        entries.add(new Content(name, bytes, 0));
        return this;
    }

    /** An entry of {@code count} zero bytes, streamed (deflated about 1,000 to 1). */
    PackZip zeros(String name, long count) {
        entries.add(new Content(name, null, count));
        return this;
    }

    /** Entries stored rather than deflated, so their bytes appear in the ZIP as they are. */
    PackZip stored() {
        stored = true;
        return this;
    }

    Path write(Path zip) {
        try {
            Files.createDirectories(zip.getParent());
            try (OutputStream out = Files.newOutputStream(zip); ZipOutputStream archive = new ZipOutputStream(out)) {
                for (Content content : entries) {
                    ZipEntry entry = new ZipEntry(content.name());
                    if (stored && content.bytes() != null) {
                        CRC32 crc = new CRC32();
                        crc.update(content.bytes());
                        entry.setMethod(ZipEntry.STORED);
                        entry.setSize(content.bytes().length);
                        entry.setCrc(crc.getValue());
                    }
                    archive.putNextEntry(entry);
                    if (content.bytes() != null) {
                        archive.write(content.bytes());
                    } else {
                        byte[] zeros = new byte[1 << 20];
                        for (long left = content.zeros(); left > 0; left -= zeros.length) {
                            archive.write(zeros, 0, (int) Math.min(zeros.length, left));
                        }
                    }
                    archive.closeEntry();
                }
            }
            return zip;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Replaces every occurrence of {@code from} in the file's bytes by {@code to} (same length), e.g. a digit or a name. */
    static void patch(Path file, String from, String to) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        byte[] a = from.getBytes(StandardCharsets.UTF_8);
        byte[] b = to.getBytes(StandardCharsets.UTF_8);
        if (a.length != b.length) {
            throw new IllegalArgumentException("a patch keeps the length");
        }
        int found = 0;
        for (int i = 0; i + a.length <= bytes.length; i++) {
            if (java.util.Arrays.equals(bytes, i, i + a.length, a, 0, a.length)) {
                System.arraycopy(b, 0, bytes, i, b.length);
                found++;
            }
        }
        if (found == 0) {
            throw new IllegalArgumentException(from + " is not in " + file);
        }
        Files.write(file, bytes);
    }

    /** Sets the "encrypted" flag of the named entry in its central-directory record and its local header. */
    static void markEncrypted(Path zip, String name) throws IOException {
        byte[] bytes = Files.readAllBytes(zip);
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        byte[] wanted = name.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i + 46 <= bytes.length; i++) {
            if (buffer.getInt(i) == 0x02014b50 && buffer.getShort(i + 28) == wanted.length
                    && java.util.Arrays.equals(bytes, i + 46, i + 46 + wanted.length, wanted, 0, wanted.length)) {
                buffer.putShort(i + 8, (short) (buffer.getShort(i + 8) | 1));
                int local = buffer.getInt(i + 42);
                buffer.putShort(local + 6, (short) (buffer.getShort(local + 6) | 1));
                Files.write(zip, bytes);
                return;
            }
        }
        throw new IllegalArgumentException(name + " is not in " + zip);
    }
}
