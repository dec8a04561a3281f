package io.tcbill.simulator;

import io.tcbill.feed.FeedCatalog;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * The CSV header of a feed's file, read from the feed's mapping in {@code schema/mappings/} so the simulator emits
 * exactly the headers the loader expects: generators fill values by column name, the mapping decides the header text
 * and order. A mapping with {@code language} and {@code layouts} columns lists several spellings per column; a file
 * of one {@link FileLayout} and language uses the first row of each column whose language matches and whose layouts
 * name the layout (a row with no layouts is an alias the loader accepts and the simulator never writes).
 */
record FileMapping(String resource, List<String> headers, Map<String, Integer> indexByColumn, int amountIndex) {

    /** The mapping of a feed named in {@code jobs/}, as the 2022 English files spell it. */
    static FileMapping forFeed(FeedCatalog catalog, String feed, String amountColumn) {
        return forFeed(catalog, feed, amountColumn, FileLayout.Y2022, FileLayout.ENGLISH);
    }

    /**
     * The mapping of a feed named in {@code jobs/} for files of {@code layout} in {@code language} ({@code en} or
     * {@code zh_cn}); {@code amountColumn} is the column whose sum a file reports.
     */
    static FileMapping forFeed(FeedCatalog catalog, String feed, String amountColumn, FileLayout layout, String language) {
        String resource = catalog.get(feed).mapping();
        List<String> headers = new ArrayList<>();
        Map<String, Integer> index = new HashMap<>();
        ClassLoader loader = FileMapping.class.getClassLoader();
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("mapping " + resource + " of feed " + feed + " is not on the classpath");
            }
            Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8);
            CSVFormat format = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get();
            for (CSVRecord record : format.parse(reader)) {
                if (record.isMapped("layouts") && !(record.get("language").equals(language)
                        && List.of(record.get("layouts").split(" ")).contains(layout.code()))) {
                    continue;
                }
                if (index.putIfAbsent(record.get("column"), headers.size()) == null) {
                    headers.add(record.get("header"));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read mapping " + resource + " of feed " + feed, e);
        }
        Integer amount = index.get(amountColumn);
        if (amount == null) {
            throw new IllegalStateException("mapping " + resource + " has no column " + amountColumn);
        }
        return new FileMapping(resource, List.copyOf(headers), Map.copyOf(index), amount);
    }

    /** This mapping with a {@code Tag:<key>} column after the mapped ones for each key (filled as {@code tag:<key>}). */
    FileMapping withTags(List<String> keys) {
        List<String> all = new ArrayList<>(headers);
        Map<String, Integer> index = new HashMap<>(indexByColumn);
        for (String key : keys) {
            index.put(SimulatedTags.column(key), all.size());
            all.add(SimulatedTags.header(key));
        }
        return new FileMapping(resource, List.copyOf(all), Map.copyOf(index), amountIndex);
    }

    Row newRow() {
        return new Row(this);
    }

    /** One CSV record being filled by column name; columns the mapping does not know are ignored. */
    static final class Row {
        private final FileMapping mapping;
        private final String[] values;

        private Row(FileMapping mapping) {
            this.mapping = mapping;
            this.values = new String[mapping.headers.size()];
        }

        void clear() {
            java.util.Arrays.fill(values, "");
        }

        Row put(String column, Object value) {
            Integer i = mapping.indexByColumn.get(column);
            if (i != null) {
                values[i] = String.valueOf(value);
            }
            return this;
        }

        /** Takes the value of every column this row's mapping shares with {@code other}'s (by column name). */
        void copyFrom(Row other) {
            mapping.indexByColumn.forEach((column, i) -> {
                String value = other.find(column);
                if (value != null) {
                    values[i] = value;
                }
            });
        }

        /** The value of a column of the mapping; an error for a column the mapping does not have. */
        String get(String column) {
            Integer i = mapping.indexByColumn.get(column);
            if (i == null) {
                throw new IllegalArgumentException("mapping " + mapping.resource + " has no column " + column);
            }
            return values[i];
        }

        /** The value of a column, or null when this mapping's layout has no such column. */
        String find(String column) {
            Integer i = mapping.indexByColumn.get(column);
            return i == null ? null : values[i];
        }

        String amount() {
            return values[mapping.amountIndex];
        }

        String[] values() {
            return values;
        }
    }
}
