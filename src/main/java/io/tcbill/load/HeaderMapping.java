package io.tcbill.load;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PushbackReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.springframework.core.io.ClassPathResource;

/**
 * A {@code schema/mappings/<table>.csv} file (header,column,required): which CSV header fills which column. Headers
 * match ignoring case, spaces (the ideographic and no-break ones too), underscores, hyphens, dots and parentheses (full-width
 * ones too), so Chinese headers match as written; several spellings may name one column. A
 * required column must be in every file, and hold a value in every row.
 */
final class HeaderMapping {

    private final String resource;
    private final Map<String, String> columnByHeader;
    private final Map<String, String> requiredColumns;
    private final boolean tagColumns;

    private HeaderMapping(String resource, Map<String, String> columnByHeader, Map<String, String> requiredColumns,
                          boolean tagColumns) {
        this.resource = resource;
        this.columnByHeader = columnByHeader;
        this.requiredColumns = requiredColumns;
        this.tagColumns = tagColumns;
    }

    /** Reads a mapping from the classpath, e.g. {@code schema/mappings/bill_l3.csv}. */
    static HeaderMapping read(String resource) {
        try (InputStream in = new ClassPathResource(resource).getInputStream();
             CSVParser parser = format().builder().setHeader().setSkipHeaderRecord(true).get()
                     .parse(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            Map<String, String> columnByHeader = new LinkedHashMap<>();
            Map<String, String> required = new LinkedHashMap<>();
            for (CSVRecord row : parser) {
                String header = row.get("header");
                String column = row.get("column").strip();
                columnByHeader.putIfAbsent(normalise(header), column);
                if (Boolean.parseBoolean(row.get("required").strip())) {
                    required.putIfAbsent(column, header);
                }
            }
            return new HeaderMapping(resource, columnByHeader, required, false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the header mapping " + resource + " from the classpath", e);
        }
    }

    /**
     * This mapping, also recognising cost-allocation tag columns ({@link TagColumns}) for a table with a {@code tags}
     * column: a tag header is never mapped to a column nor kept as extra, whatever its key (also a key that spells a
     * mapped header, e.g. {@code Tag:Region}); of two headers naming the same key, the second is kept as extra.
     */
    HeaderMapping withTagColumns() {
        return new HeaderMapping(resource, columnByHeader, requiredColumns, true);
    }

    static String normalise(String header) {
        return header.toLowerCase(Locale.ROOT).replaceAll("[\\s\\u3000\\u00A0_\\-.()（）]", "");
    }

    /** The columns this mapping can fill. */
    Set<String> columns() {
        return new LinkedHashSet<>(columnByHeader.values());
    }

    String resource() {
        return resource;
    }

    /**
     * Reads the first record of {@code file} and maps each header to a column.
     *
     * @throws SchemaMismatchException when a required column's header is absent
     * @throws RawFileException        when the file is not UTF-8 or a header holds a control character
     */
    FileLayout layout(Path file, String sourceKey) {
        List<String> headers = readHeader(file, sourceKey);
        checkPrintable(headers, sourceKey);
        List<String> targets = new ArrayList<>(headers.size());
        List<String> tagKeys = new ArrayList<>(headers.size());
        Set<String> taken = new LinkedHashSet<>();
        Set<String> tagsTaken = new LinkedHashSet<>();
        for (String header : headers) {
            String key = tagColumns ? TagColumns.keyOf(header) : null;
            String column = key != null ? null : columnByHeader.get(normalise(header));
            targets.add(column != null && taken.add(column) ? column : null);
            tagKeys.add(key != null && tagsTaken.add(key) ? key : null);
        }
        requiredColumns.forEach((column, header) -> {
            if (!taken.contains(column)) {
                throw new SchemaMismatchException("file " + sourceKey + ": required column " + column + " (header '"
                        + header + "' in " + resource + ") is missing; headers found: " + headers);
            }
        });
        return new FileLayout(headers, targets, requiredColumns.keySet(), tagKeys);
    }

    /**
     * The first record's values. Bytes that are not UTF-8 read as U+FFFD here, so that only a header holding one fails
     * (with where and what); a bad byte further on is reported by the numbered copy, which knows the headers.
     */
    private static List<String> readHeader(Path file, String sourceKey) {
        try (PushbackReader reader = new PushbackReader(new BufferedReader(new InputStreamReader(Files.newInputStream(file),
                     StandardCharsets.UTF_8)));
             CSVParser parser = format().parse(skipBlanks(skipBom(reader)))) {
            Iterator<CSVRecord> records = parser.iterator();
            List<String> headers = new ArrayList<>();
            if (records.hasNext()) {
                records.next().forEach(headers::add);
            }
            if (headers.stream().anyMatch(h -> h.indexOf('\uFFFD') >= 0)) {
                checkUtf8(file, sourceKey, headers);
            }
            return headers;
        } catch (IOException | UncheckedIOException e) {
            throw new SchemaMismatchException("file " + sourceKey + ": cannot read its CSV header: " + e.getMessage());
        }
    }

    /** Fails where the file stops being UTF-8, found by the same check the numbered copy makes. */
    private static void checkUtf8(Path file, String sourceKey, List<String> headers) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            NumberedCsv.copy(in, OutputStream.nullOutputStream());
        } catch (NotUtf8Exception e) {
            throw new RawFileException(e.describe(sourceKey, file, headers));
        }
    }

    /** Drops a UTF-8 byte-order mark, which would otherwise hide the quotes of a quoted first header. */
    private static PushbackReader skipBom(PushbackReader reader) throws IOException {
        int first = reader.read();
        if (first != -1 && first != '\uFEFF') {
            reader.unread(first);
        }
        return reader;
    }

    /** Drops blank and white-space-only lines before the header, as {@link NumberedCsv} does. */
    private static Reader skipBlanks(PushbackReader reader) throws IOException {
        int c = reader.read();
        while (c == '\n' || c == '\r' || c == ' ' || c == '\t') {
            c = reader.read();
        }
        if (c != -1) {
            reader.unread(c);
        }
        return reader;
    }

    /** A control character in a header (a NUL, a line break) means a damaged header row; no mapping could use it. */
    private static void checkPrintable(List<String> headers, String sourceKey) {
        for (int i = 0; i < headers.size(); i++) {
            String header = headers.get(i);
            int bad = header.codePoints().filter(Character::isISOControl).findFirst().orElse(-1);
            if (bad >= 0) {
                throw new RawFileException("file " + sourceKey + ": the header of column " + (i + 1) + " ('"
                        + printable(header) + "'" + (i > 0 ? ", after '" + printable(headers.get(i - 1)) + "'" : "")
                        + ") holds the control character " + String.format(Locale.ROOT, "U+%04X", bad)
                        + "; the header row is damaged. Ask the sender for the file again");
            }
        }
    }

    private static String printable(String header) {
        StringBuilder text = new StringBuilder();
        header.codePoints().forEach(c -> text.append(Character.isISOControl(c)
                ? String.format(Locale.ROOT, "\\u%04X", c) : Character.toString(c)));
        return text.toString();
    }

    private static CSVFormat format() {
        return CSVFormat.DEFAULT.builder().setTrim(true).get();
    }
}
