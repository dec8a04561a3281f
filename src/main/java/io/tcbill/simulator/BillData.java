package io.tcbill.simulator;

import io.tcbill.feed.FeedCatalog;
import java.io.BufferedWriter;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * The simulator's data set, deterministic from the seed: the caller's own UIN, its customers, and every file's
 * content (UTF-8 with BOM, CRLF, RFC 4180 quoting, headers from {@code schema/mappings/}). Files are generated row by
 * row while they are written, so a file of millions of rows costs no memory; {@link #expected} tells what a correct
 * download must contain.
 */
public final class BillData {

    /** What a file holds: its rows, the exact sum of its amount column (total cost or commission amount), its size. */
    public record ExpectedFile(long rows, BigDecimal totalCost, long bytes) {
    }

    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private final SimulatorConfig config;
    private final long ownUin;
    private final List<Long> customerUins;
    private final Set<Long> emptyCustomers;
    private final Map<String, FileMapping> mappings;
    private final Map<BillFile, ExpectedFile> expectedCache = new ConcurrentHashMap<>();

    public BillData(SimulatorConfig config) {
        this.config = config;
        SplittableRandom random = new SplittableRandom(Seeds.mix(config.seed(), 0));
        Set<Long> uins = new LinkedHashSet<>();
        this.ownUin = 800_000_000_000L + random.nextLong(100_000_000_000L);
        while (uins.size() < config.customers()) {
            long uin = 800_000_000_000L + random.nextLong(100_000_000_000L);
            if (uin != ownUin) {
                uins.add(uin);
            }
        }
        this.customerUins = List.copyOf(uins);
        this.emptyCustomers = Set.copyOf(customerUins.subList(customerUins.size() - config.emptyCustomers(), customerUins.size()));
        FeedCatalog catalog = FeedCatalog.load();
        this.mappings = Map.of(
                BillFile.L3, FileMapping.forFeed(catalog, BillFile.L3, "total_cost"),
                BillFile.L2, FileMapping.forFeed(catalog, BillFile.L2, "total_cost"),
                BillFile.COMMISSION, FileMapping.forFeed(catalog, BillFile.COMMISSION, "commission_amount"));
    }

    /** The UIN of the caller (the reseller the credentials belong to); own bills and commission are its files. */
    public long ownUin() {
        return ownUin;
    }

    /** Every customer, in the order {@code DescribeCustomerUin} pages through them. */
    public List<Long> customerUins() {
        return customerUins;
    }

    /** The customers whose bill files have a header and no rows. */
    public List<Long> emptyCustomerUins() {
        return customerUins.stream().filter(emptyCustomers::contains).toList();
    }

    /** Streams the file of a feed ({@code l2|l3|commission}) for a month and customer (null = the caller's own). */
    public void writeCsv(String feed, YearMonth month, Long customerUin, OutputStream out) {
        write(file(feed, month, customerUin), out);
    }

    /** Rows, exact amount total and byte size of that file; computed by generating it once, then remembered. */
    public ExpectedFile expected(String feed, YearMonth month, Long customerUin) {
        return expected(file(feed, month, customerUin));
    }

    ExpectedFile expected(BillFile file) {
        return expectedCache.computeIfAbsent(file, f -> write(f, OutputStream.nullOutputStream()));
    }

    String fileName(BillFile file) {
        return file.fileName(config.seed(), ownUin);
    }

    boolean isCustomer(long uin) {
        return customerUins.contains(uin);
    }

    private BillFile file(String feed, YearMonth month, Long customerUin) {
        BillFile file = new BillFile(feed, month, customerUin);
        if (customerUin != null && !isCustomer(customerUin)) {
            throw new IllegalArgumentException("customer " + customerUin + " is not in the simulator's data set");
        }
        return file;
    }

    private long rowCount(BillFile file) {
        if (file.customerUin() != null && emptyCustomers.contains(file.customerUin())) {
            return 0;
        }
        boolean own = file.customerUin() == null;
        return switch (file.feed()) {
            case BillFile.L3 -> own ? config.ownL3Rows() : config.customerL3Rows();
            case BillFile.L2 -> own ? config.ownL2Rows() : config.customerL2Rows();
            default -> config.commissionRows();
        };
    }

    private ExpectedFile write(BillFile file, OutputStream target) {
        FileMapping mapping = mappings.get(file.feed());
        CountingStream counting = new CountingStream(target);
        List<Long> billed = new ArrayList<>(customerUins);
        billed.removeAll(emptyCustomers);
        CsvRowGenerator generator = CsvRowGenerator.of(file, config.seed(), ownUin, billed);
        long rows = rowCount(file);
        BigDecimal total = BigDecimal.ZERO;
        try {
            counting.write(BOM);
            Writer writer = new BufferedWriter(new OutputStreamWriter(counting, StandardCharsets.UTF_8), 1 << 16);
            CSVFormat format = CSVFormat.RFC4180.builder().setHeader(mapping.headers().toArray(String[]::new)).get();
            CSVPrinter printer = new CSVPrinter(writer, format);
            FileMapping.Row row = mapping.newRow();
            for (long i = 0; i < rows; i++) {
                row.clear();
                generator.fill(row, i);
                total = total.add(new BigDecimal(row.amount()));
                printer.printRecord((Object[]) row.values());
            }
            printer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("writing " + file.feed() + " " + file.month() + " failed", e);
        }
        return new ExpectedFile(rows, total, counting.count);
    }

    /** Counts bytes on their way to the real target; never closes it. */
    private static final class CountingStream extends FilterOutputStream {
        private long count;

        CountingStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }
    }
}
