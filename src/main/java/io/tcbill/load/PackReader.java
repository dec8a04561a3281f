package io.tcbill.load;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.archivers.zip.ZipMethod;

/**
 * A reseller pack: a ZIP of CSVs (one month of every customer, split into several CSVs past the spreadsheet row
 * limit). Every entry is accounted for: each is a CSV that is extracted, or a plain directory (ignored, it holds no
 * bytes), or the pack fails naming it, so no customer's rows can be left behind unseen (a nested archive, a
 * spreadsheet, a {@code .CSV.txt}, macOS metadata, an encrypted entry, an unsafe path, a name given twice). The entries
 * are checked by their central-directory records before anything is extracted; the CSVs are then inflated within
 * {@link PackLimits} and checked against their CRC-32 ({@link PackExtraction}), under names of our own.
 */
final class PackReader {

    /**
     * One CSV of a pack: its name inside the ZIP, where it was extracted and whether it is the pack's last CSV.
     */
    record Entry(String name, Path file, boolean last) {
    }

    /** What is done with each extracted CSV before the next is extracted (the file is deleted after it). */
    @FunctionalInterface
    interface EntryHandler {
        void handle(Entry entry) throws SQLException;
    }

    private static final byte[] LOCAL_HEADER = {'P', 'K', 3, 4};
    private static final byte[] EMPTY_ARCHIVE = {'P', 'K', 5, 6};
    private static final Set<String> ARCHIVE_SUFFIXES = Set.of(".zip", ".gz", ".tgz", ".7z", ".rar", ".tar", ".bz2",
            ".xz", ".zst", ".jar", ".cab");

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
     * Checks every entry, then extracts the CSVs one at a time, in central-directory order, into {@code dir}, handing
     * each to {@code handler} and deleting it before the next is extracted (so the disk holds one entry at a time).
     *
     * @throws RawFileException when an entry is not a CSV or is unsafe, corrupt or beyond a limit, or the archive is
     *                          unreadable or holds no CSV (terminal: the same bytes fail again); a partly extracted entry
     *                          stays in {@code dir}, never larger than the limits
     */
    static void extract(Path zip, Path dir, String sourceKey, PackLimits limits, EntryHandler handler) throws SQLException {
        checkDeclaredEntries(zip, sourceKey, limits);
        try (ZipFile archive = open(zip, sourceKey)) {
            List<ZipArchiveEntry> all = Collections.list(archive.getEntries());
            check(archive, all, sourceKey, limits);
            List<ZipArchiveEntry> csvs = all.stream().filter(e -> !e.isDirectory()).toList();
            if (csvs.isEmpty()) {
                throw new RawFileException("pack " + sourceKey + " holds no .csv entry; nothing of it is published");
            }
            Files.createDirectories(dir);
            PackExtraction extraction = new PackExtraction(archive, sourceKey, limits, Files.size(zip));
            for (ZipArchiveEntry directory : all.stream().filter(ZipArchiveEntry::isDirectory).toList()) {
                extraction.checkEmpty(directory);
            }
            for (int i = 0; i < csvs.size(); i++) {
                Path file = dir.resolve("entry-" + i + ".csv");
                extraction.copy(csvs.get(i), file);
                handler.handle(new Entry(csvs.get(i).getName(), file, i == csvs.size() - 1));
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot extract pack " + sourceKey + " into the load's work directory", e);
        }
    }

    /** Extracts every CSV into {@code dir} and keeps them there, for tests. */
    static List<Entry> extract(Path zip, Path dir, String sourceKey, PackLimits limits) throws SQLException {
        List<Entry> entries = new ArrayList<>();
        extract(zip, dir, sourceKey, limits, entry -> {
            Path kept = entry.file().resolveSibling("kept-" + entries.size() + ".csv");
            try {
                Files.move(entry.file(), kept);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            entries.add(new Entry(entry.name(), kept, entry.last()));
        });
        return entries;
    }

    private static void checkDeclaredEntries(Path zip, String sourceKey, PackLimits limits) {
        try {
            long declared = PackDirectory.declaredEntries(zip);
            if (declared > limits.maxEntries()) {
                throw new RawFileException("pack " + sourceKey + " declares " + declared + " entries, more than"
                        + " tcbill.pack.max-entries=" + limits.maxEntries() + "; nothing of it is read or published: raise"
                        + " the limit if the pack is genuine");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read pack " + sourceKey + " from the load's work directory", e);
        }
    }

    /** Opens the archive, reading names as UTF-8 unless one is not (Windows tools write Chinese names in GBK). */
    private static ZipFile open(Path zip, String sourceKey) {
        try {
            ZipFile archive = ZipFile.builder().setPath(zip).setCharset(StandardCharsets.UTF_8).get();
            if (Collections.list(archive.getEntries()).stream().allMatch(PackReader::utf8Name)) {
                return archive;
            }
            archive.close();
            return ZipFile.builder().setPath(zip).setCharset(Charset.forName("GB18030")).get();
        } catch (IOException e) {
            throw new RawFileException("pack " + sourceKey + " is not a readable ZIP (" + e.getMessage()
                    + "); nothing of it is published: pull the month again");
        }
    }

    private static boolean utf8Name(ZipArchiveEntry entry) {
        try {
            StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(entry.getRawName()));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private static void check(ZipFile archive, List<ZipArchiveEntry> all, String sourceKey, PackLimits limits) {
        if (all.size() > limits.maxEntries()) {
            throw new RawFileException("pack " + sourceKey + " holds " + all.size() + " entries, more than tcbill.pack.max-entries="
                    + limits.maxEntries() + " (entry " + all.get(limits.maxEntries()).getName() + " is the first beyond it); "
                    + "nothing of it is published: raise the limit if the pack is genuine");
        }
        Map<String, String> seen = new HashMap<>();
        for (ZipArchiveEntry entry : all) {
            String problem = problem(archive, entry);
            if (problem != null) {
                throw new RawFileException("pack " + sourceKey + " entry " + written(archive, entry) + " " + problem
                        + "; a pack must hold only CSVs, so nothing of it is published: check the pack and pull the month again");
            }
            String first = entry.isDirectory() ? null : seen.putIfAbsent(normalised(entry.getName()), entry.getName());
            if (first != null) {
                throw new RawFileException("pack " + sourceKey + " entry " + entry.getName() + " has the same name as entry "
                        + first + "; loading both would count that customer's rows twice, so nothing of the pack is"
                        + " published: check the pack and pull the month again");
            }
        }
    }

    /** Why an entry cannot be loaded as one of the pack's CSVs, or null. */
    private static String problem(ZipFile archive, ZipArchiveEntry entry) {
        String name = entry.getName();
        String lower = name.toLowerCase(Locale.ROOT);
        if (written(archive, entry).indexOf('\\') >= 0 || name.startsWith("/") || name.matches("(?s)[A-Za-z]:.*")
                || name.indexOf('\0') >= 0 || Arrays.asList(name.split("/")).contains("..")) {
            return "has an unsafe path (.., an absolute path or a backslash)";
        }
        if (lower.startsWith("__macosx/") || lower.contains("/__macosx/")) {
            return "is macOS metadata (__MACOSX/), not a CSV";
        }
        if (entry.getGeneralPurposeBit().usesEncryption()) {
            return "is encrypted";
        }
        if (!archive.canReadEntryData(entry)) {
            return "uses compression method " + ZipMethod.getMethodByCode(entry.getMethod()) + ", which tcbill cannot read";
        }
        if (entry.isDirectory()) {
            return null;
        }
        if (ARCHIVE_SUFFIXES.stream().anyMatch(lower::endsWith)) {
            return "is a nested archive, not a CSV";
        }
        return lower.endsWith(".csv") ? null : "is not a .csv file";
    }

    /**
     * The name as the ZIP spells it: {@link ZipArchiveEntry#getName()} turns a DOS archive's backslashes into slashes,
     * which would hide a directory trick.
     */
    private static String written(ZipFile archive, ZipArchiveEntry entry) {
        if (entry.getRawName() == null) {
            return entry.getName();
        }
        Charset charset = entry.getGeneralPurposeBit().usesUTF8ForNames() ? StandardCharsets.UTF_8
                : Charset.forName(archive.getEncoding());
        String written = new String(entry.getRawName(), charset);
        return written.indexOf('\\') >= 0 ? written : entry.getName();
    }

    /** The name two entries must not share: Unicode NFC, lower case, without {@code ./} and repeated slashes. */
    static String normalised(String name) {
        String path = Normalizer.normalize(name, Normalizer.Form.NFC).toLowerCase(Locale.ROOT).replaceAll("/+", "/");
        return path.replaceAll("(^|/)\\./", "$1");
    }
}
