package io.tcbill.load;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Builds a reseller pack for tests: a ZIP of CSVs, entries in insertion order. */
final class PackZip {

    private final Map<String, Path> entries = new LinkedHashMap<>();

    PackZip entry(String name, Path csv) {
        entries.put(name, csv);
        return this;
    }

    Path write(Path zip) {
        try {
            Files.createDirectories(zip.getParent());
            try (OutputStream out = Files.newOutputStream(zip); ZipOutputStream archive = new ZipOutputStream(out)) {
                for (var entry : entries.entrySet()) {
                    archive.putNextEntry(new ZipEntry(entry.getKey()));
                    Files.copy(entry.getValue(), archive);
                    archive.closeEntry();
                }
            }
            return zip;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
