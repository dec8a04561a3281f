package io.tcbill.simulator;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Streams a bill package: one ZIP holding the rows of every customer's file for the month (the same rows as the
 * single-customer files, customer by customer), split into a new CSV entry, header and BOM included, whenever an entry
 * reaches the row limit, as Tencent splits packages that exceed a spreadsheet's row limit (partner-api.md §4.1).
 * Entry times are fixed, so the same seed gives the same bytes and a {@code Range} request can resume.
 */
final class PackWriter {

    private final BillData data;
    private final int rowLimit;

    private ZipOutputStream zip;
    private BillFile pack;
    private CsvSink entry;
    private int entries;
    private long rowsInEntry;
    private long rows;

    PackWriter(BillData data, int rowLimit) {
        this.data = data;
        this.rowLimit = rowLimit;
    }

    /** Writes the package to {@code target}, which stays open; returns rows and amount total of all customers. */
    BillData.ExpectedFile write(BillFile file, OutputStream target) {
        this.pack = file;
        CountingOutputStream counting = new CountingOutputStream(target);
        zip = new ZipOutputStream(counting, StandardCharsets.UTF_8);
        BigDecimal total = BigDecimal.ZERO;
        for (long customer : data.customerUins()) {
            BillFile single = new BillFile(file.feed(), file.month(), customer, false, file.language());
            total = total.add(data.forEachRow(single, this::print));
        }
        try {
            if (entry == null) {
                nextEntry();
            }
            closeEntry();
            zip.finish();
        } catch (IOException e) {
            throw new UncheckedIOException("writing package " + file.key() + " failed", e);
        }
        return new BillData.ExpectedFile(rows, total, counting.count());
    }

    private void print(FileMapping.Row row) {
        try {
            if (entry == null || rowsInEntry == rowLimit) {
                closeEntry();
                nextEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("writing package " + pack.key() + " failed", e);
        }
        entry.print(row);
        rowsInEntry++;
        rows++;
    }

    private void nextEntry() throws IOException {
        entries++;
        ZipEntry zipEntry = new ZipEntry(pack.packEntryName(data.seed(), data.ownUin(), entries));
        zipEntry.setTimeLocal(LocalDateTime.of(pack.month().plusMonths(1).atDay(1), LocalTime.of(1, 0)));
        zip.putNextEntry(zipEntry);
        entry = new CsvSink(zip, data.mapping(pack));
        rowsInEntry = 0;
    }

    private void closeEntry() throws IOException {
        if (entry != null) {
            entry.finish();
            zip.closeEntry();
        }
    }
}
