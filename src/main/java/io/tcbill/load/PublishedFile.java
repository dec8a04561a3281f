package io.tcbill.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One curated Parquet file as the analysts' snapshot records it: its path relative to the curated root, size and
 * modification time (a file is only ever replaced by a rename, so a new file has a new time), and the rows it holds in
 * its table, all those whose {@code keyColumn} is {@code keyValue} ({@link CuratedLayout#partitionKey}).
 */
record PublishedFile(String table, String file, long sizeBytes, long modifiedMicros) {

    /** Every published file of {@code tables} under the curated root, by relative path; temporary files never match. */
    static Map<String, PublishedFile> scan(CuratedLayout layout, List<TableSchema> tables) {
        Map<String, PublishedFile> files = new TreeMap<>();
        for (TableSchema table : tables) {
            Path dir = layout.root().resolve(table.name());
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> partitions = Files.list(dir)) {
                for (Path partition : partitions.sorted().toList()) {
                    String name = partition.getFileName().toString();
                    Path file = partition.resolve(CuratedLayout.FILE);
                    if (!CuratedLayout.isPartition(name) || !Files.isRegularFile(file)) {
                        continue;
                    }
                    BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
                    String relative = table.name() + "/" + name + "/" + CuratedLayout.FILE;
                    files.put(relative, new PublishedFile(table.name(), relative, attributes.size(),
                            attributes.lastModifiedTime().to(TimeUnit.MICROSECONDS)));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list the published files of " + table.name() + " under " + dir, e);
            }
        }
        return files;
    }

    /** The partition folder's name, e.g. {@code bill_month=2026-10} or a load id. */
    String partition() {
        return file.substring(table.length() + 1, file.length() - CuratedLayout.FILE.length() - 1);
    }
}
