package io.tcbill.load;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * A reseller pack: a ZIP of CSVs (one month of every customer, split into several CSVs past the spreadsheet row
 * limit). Recognised by its magic bytes, whatever its name; its CSVs are extracted under names of our own, so an
 * entry's path can never point outside the work directory.
 */
final class PackReader {

    /** One CSV of a pack: its name inside the ZIP and where it was extracted. */
    record Entry(String name, Path file) {
    }

    private static final byte[] LOCAL_HEADER = {'P', 'K', 3, 4};
    private static final byte[] EMPTY_ARCHIVE = {'P', 'K', 5, 6};

    private PackReader() {
    }

    static boolean isZip(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] magic = in.readNBytes(4);
            return Arrays.equals(magic, LOCAL_HEADER) || Arrays.equals(magic, EMPTY_ARCHIVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /**
     * Extracts every {@code .csv} entry, in archive order, into {@code dir}.
     *
     * @throws SchemaMismatchException when the archive is unreadable or holds no CSV (terminal: the same bytes fail again)
     */
    static List<Entry> extract(Path zip, Path dir, String sourceKey) {
        try {
            try {
                return extract(zip, dir, sourceKey, StandardCharsets.UTF_8);
            } catch (IllegalArgumentException malformedName) {
                // Chinese entry names written by Windows tools are GBK, not UTF-8
                return extract(zip, dir, sourceKey, Charset.forName("GB18030"));
            }
        } catch (ZipException e) {
            throw new SchemaMismatchException("pack " + sourceKey + " is not a readable ZIP: " + e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot extract pack " + sourceKey + " into " + dir, e);
        }
    }

    private static List<Entry> extract(Path zip, Path dir, String sourceKey, Charset names) throws IOException {
        List<Entry> entries = new ArrayList<>();
        Files.createDirectories(dir);
        try (ZipFile archive = new ZipFile(zip.toFile(), names)) {
            Enumeration<? extends ZipEntry> all = archive.entries();
            while (all.hasMoreElements()) {
                ZipEntry entry = all.nextElement();
                if (isCsv(entry)) {
                    Path file = dir.resolve("entry-" + entries.size() + ".csv");
                    try (InputStream in = archive.getInputStream(entry)) {
                        Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
                    }
                    entries.add(new Entry(entry.getName(), file));
                }
            }
        }
        if (entries.isEmpty()) {
            throw new SchemaMismatchException("pack " + sourceKey + " holds no .csv entry");
        }
        return entries;
    }

    private static boolean isCsv(ZipEntry entry) {
        String name = entry.getName();
        return !entry.isDirectory() && name.toLowerCase(Locale.ROOT).endsWith(".csv") && !name.startsWith("__MACOSX/");
    }
}
