package io.tcbill.load;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * A CSV feed's raw file: one CSV, or a reseller pack (a ZIP, told by its magic bytes) whose every CSV is mapped by its
 * own header and staged like a CSV of its own, each row's customer read from the feed's pack customer column.
 */
final class CsvFileStager implements FileStager {

    private final CsvStager stager;
    private final HeaderMapping mapping;
    private final String packCustomerColumn;
    private final Path workDir;

    CsvFileStager(CsvStager stager, HeaderMapping mapping, String packCustomerColumn, Path workDir) {
        this.stager = stager;
        this.mapping = mapping;
        this.packCustomerColumn = packCustomerColumn;
        this.workDir = workDir;
    }

    @Override
    public List<StagedFile> stage(RawInput input, Lineage lineage, String tag) throws SQLException {
        if (!lineage.pack()) {
            FileLayout layout = mapping.layout(input.localFile(), input.sourceKey());
            return List.of(stager.stage(input.localFile(), layout, lineage, tag, null));
        }
        List<StagedFile> staged = new ArrayList<>();
        for (PackReader.Entry entry : PackReader.extract(input.localFile(), workDir.resolve("pack-" + tag), input.sourceKey())) {
            staged.add(stageEntry(entry, lineage, tag + "_" + staged.size()));
            CsvStager.deleteQuietly(entry.file());
        }
        return staged;
    }

    private StagedFile stageEntry(PackReader.Entry entry, Lineage lineage, String tag) throws SQLException {
        String label = lineage.sourceKey() + " entry " + entry.name();
        FileLayout layout = mapping.layout(entry.file(), label);
        if (!layout.fills(packCustomerColumn)) {
            throw new SchemaMismatchException("file " + label + ": the pack customer column " + packCustomerColumn
                    + " (mapped in " + mapping.resource() + ") is missing; headers found: " + layout.headers());
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
}
