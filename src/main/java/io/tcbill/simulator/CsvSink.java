package io.tcbill.simulator;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Writes one CSV the way the bill files look: UTF-8 with BOM, the mapping's header, RFC 4180 quoting and CRLF. The
 * header is written on creation; {@link #finish} flushes without closing the target (a ZIP entry or a response).
 */
final class CsvSink {

    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private final CSVPrinter printer;

    CsvSink(OutputStream target, FileMapping mapping) {
        try {
            target.write(BOM);
            BufferedWriter writer = new BufferedWriter(new OutputStreamWriter(target, StandardCharsets.UTF_8), 1 << 16);
            CSVFormat format = CSVFormat.RFC4180.builder().setHeader(mapping.headers().toArray(String[]::new)).get();
            this.printer = new CSVPrinter(writer, format);
        } catch (IOException e) {
            throw new UncheckedIOException("writing the header of " + mapping.resource() + " failed", e);
        }
    }

    void print(FileMapping.Row row) {
        try {
            printer.printRecord((Object[]) row.values());
        } catch (IOException e) {
            throw new UncheckedIOException("writing a CSV row failed", e);
        }
    }

    void finish() {
        try {
            printer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("flushing a CSV failed", e);
        }
    }
}
