package io.tcbill.load;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A CSV feed's raw file: one CSV, or a reseller pack (a ZIP) whose every CSV is mapped by its own header and staged like
 * a CSV of its own, each row's customer read from the feed's pack customer column. The file must be what was requested:
 * a ZIP served for one customer (or the own bill), or a CSV served as the pack, fails rather than being loaded as the
 * other. A pack's CSV with only its header adds no rows and is not staged (after its header is checked).
 */
final class CsvFileStager implements FileStager {

    private static final Logger log = LoggerFactory.getLogger(CsvFileStager.class);

    private final CsvStager stager;
    private final CsvBatchStager batch;
    private final HeaderMapping mapping;
    private final String packCustomerColumn;
    private final Path workDir;
    private final PackLimits packLimits;

    CsvFileStager(CsvStager stager, HeaderMapping mapping, String packCustomerColumn, Path workDir, PackLimits packLimits) {
        this.stager = stager;
        this.batch = new CsvBatchStager(stager);
        this.mapping = mapping;
        this.packCustomerColumn = packCustomerColumn;
        this.workDir = workDir;
        this.packLimits = packLimits;
    }

    @Override
    public List<StagedFile> stage(RawInput input, Lineage lineage, String tag) throws SQLException {
        checkKind(input, lineage);
        if (!lineage.pack()) {
            FileLayout layout = mapping.layout(input.localFile(), input.sourceKey());
            return List.of(stager.stage(input.localFile(), layout, lineage, tag, null));
        }
        List<StagedFile> staged = new ArrayList<>();
        PackReader.extract(input.localFile(), workDir.resolve("pack-" + tag), input.sourceKey(), packLimits, entry -> {
            // a header-only entry adds no rows (the last is staged all the same when no other was: the pack then loads 0 rows)
            StagedFile file = stageEntry(entry, lineage, tag + "_" + staged.size(), !(staged.isEmpty() && entry.last()));
            if (file != null) {
                staged.add(file);
            }
        });
        return staged;
    }

    /**
     * Plain CSVs smaller than the parallel path's split size go together by layout (their header), in one DuckDB pass
     * per layout ({@link CsvBatchStager#stage}); a pack, a big file, a header-only file, one whose header does not map
     * or whose bytes are not what was requested, and a layout of one file are left to {@link #stage}. Whatever fails
     * in a batch is staged again file by file.
     */
    @Override
    public List<List<StagedFile>> stageTogether(List<RawInput> inputs, List<Lineage> lineages, String tag) {
        List<List<StagedFile>> staged = new ArrayList<>(java.util.Collections.nCopies(inputs.size(), null));
        Map<FileLayout, List<Integer>> byLayout = new LinkedHashMap<>();
        for (int i = 0; i < inputs.size(); i++) {
            RawInput input = inputs.get(i);
            try {
                if (lineages.get(i).pack() || Files.size(input.localFile()) >= NumberedCsv.SPLIT_AT_LEAST
                        || headerOnly(input.localFile())) {
                    continue;
                }
                checkKind(input, lineages.get(i));
                byLayout.computeIfAbsent(mapping.layout(input.localFile(), input.sourceKey()), l -> new ArrayList<>()).add(i);
            } catch (IOException | RuntimeException e) {
                // staged alone, which says what is wrong with it
            }
        }
        int batches = 0;
        for (Map.Entry<FileLayout, List<Integer>> group : byLayout.entrySet()) {
            List<Integer> members = group.getValue();
            if (members.size() < 2) {
                continue;
            }
            try {
                List<StagedFile> files = batch.stage(members.stream().map(i -> inputs.get(i).localFile()).toList(),
                        group.getKey(), members.stream().map(lineages::get).toList(), tag + "_" + batches++);
                for (int k = 0; files != null && k < members.size(); k++) {
                    staged.set(members.get(k), List.of(files.get(k)));
                }
            } catch (SQLException | RuntimeException e) {
                log.debug("staging {} files together failed, each is staged alone: {}", members.size(), e.getMessage());
            }
        }
        return staged;
    }

    /** The loader is told what was requested; the bytes must agree (a customer's link serving the pack doubled rows). */
    private static void checkKind(RawInput input, Lineage lineage) {
        boolean zip = PackReader.isZip(input.localFile());
        if (zip && !lineage.pack()) {
            throw new RawFileException("file " + input.sourceKey() + " was requested as the " + lineage.customerLabel()
                    + "'s CSV but is a ZIP archive (a pack of all customers?); nothing of it is published: pull that file again");
        }
        if (!zip && lineage.pack()) {
            throw new RawFileException("file " + input.sourceKey() + " was requested as the pack of all customers but is not"
                    + " a ZIP archive; nothing of it is published: pull the month again");
        }
    }

    /** The entry staged, or null when it holds only its header and {@code skipEmpty}. */
    private StagedFile stageEntry(PackReader.Entry entry, Lineage lineage, String tag, boolean skipEmpty) throws SQLException {
        String label = lineage.sourceKey() + " entry " + entry.name();
        FileLayout layout = mapping.layout(entry.file(), label);
        if (!layout.fills(packCustomerColumn)) {
            throw new SchemaMismatchException("file " + label + ": the pack customer column " + packCustomerColumn
                    + " (mapped in " + mapping.resource() + ") is missing; headers found: " + layout.headers());
        }
        if (skipEmpty && headerOnly(entry.file())) {
            return null;
        }
        StagedFile file;
        try {
            file = stager.stage(entry.file(), layout, lineage, tag, entry.name());
        } catch (SQLException e) {
            throw new SQLException("entry " + entry.name() + ": " + e.getMessage(), e);
        }
        long anonymous = Sql.queryLong(stager.connection(), "SELECT count(*) FROM (" + file.select() + ") WHERE customer_uin IS NULL");
        if (anonymous > 0) {
            throw new RawFileException("file " + label + ": " + anonymous + " rows have no " + packCustomerColumn
                    + ", so their customer is unknown");
        }
        return file;
    }

    /** True when the CSV holds nothing after its header record but line breaks (DuckDB would read no row). */
    static boolean headerOnly(Path csv) {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(csv))) {
            boolean quoted = false;
            boolean afterHeader = false;
            for (int b = in.read(); b >= 0; b = in.read()) {
                if (afterHeader) {
                    if (b != '\r' && b != '\n') {
                        return false;
                    }
                } else if (b == '"') {
                    quoted = !quoted;
                } else if (b == '\n' && !quoted) {
                    afterHeader = true;
                }
            }
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + csv.getFileName(), e);
        }
    }
}
