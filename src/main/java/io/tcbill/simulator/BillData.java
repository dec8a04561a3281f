package io.tcbill.simulator;

import io.tcbill.feed.FeedCatalog;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The simulator's data set, deterministic from the seed: the accounts ({@link SimulatedAccounts}), every file's content
 * (UTF-8 with BOM, CRLF, RFC 4180 quoting, headers from {@code schema/mappings/}), the bill packages of all customers,
 * the summaries computed from the same L3 rows, and the customers' vouchers. Files are generated row by row while
 * they are written, and a customer's summaries and vouchers only when first asked for, so hundreds of customers and
 * files of millions of rows cost little memory; the {@code expected*} methods tell what a correct pull must contain.
 */
public final class BillData {

    /** What a file holds: its rows, the exact sum of its amount column (total cost or commission amount), its size. */
    public record ExpectedFile(long rows, BigDecimal totalCost, long bytes) {
    }

    /**
     * What the summary actions answer for a customer and month, without faults: the sums of the L3 file's
     * {@code OriginalCost}, {@code Voucher Deduction} and {@code Total Cost (Including Tax)}, and how many items each
     * of ByRegion, ByProduct and ByPayMode lists.
     */
    public record ExpectedSummary(BigDecimal originalCost, BigDecimal voucherPayAmount, BigDecimal totalCost,
                                  int regions, int products, int payModes) {
    }

    /** A customer's vouchers, and their usage records in a month and the exact sum of those records' {@code Amount}. */
    public record ExpectedVouchers(int vouchers, long usageRecords, BigDecimal usageAmount) {
    }

    private final SimulatorConfig config;
    private final SimulatedAccounts accounts;
    private final FeedCatalog catalog;
    private final Map<String, FileMapping> mappings = new ConcurrentHashMap<>();
    private final VoucherBook vouchers;
    private final Map<BillFile, ExpectedFile> expectedCache = new ConcurrentHashMap<>();
    private final Map<BillFile, CustomerSummary> summaries = new ConcurrentHashMap<>();
    private final Map<String, FileMapping> taggedMappings = new ConcurrentHashMap<>();
    /** How often each (feed, month, customer) file was restated: its rows are generated anew for each revision. */
    private final Map<BillFile, Integer> revisions = new ConcurrentHashMap<>();

    public BillData(SimulatorConfig config) {
        this.config = config;
        this.accounts = new SimulatedAccounts(config);
        this.catalog = FeedCatalog.load();
        this.vouchers = new VoucherBook(config.seed(), accounts.billedCustomers);
    }

    /** The UIN of the caller (the reseller the credentials belong to); own bills and commission are its files. */
    public long ownUin() {
        return accounts.ownUin;
    }

    /** Every customer, in the order {@code DescribeCustomerUin} pages through them. */
    public List<Long> customerUins() {
        return accounts.customerUins;
    }

    /** A distributor's second-level resellers ({@code CustomerUinType} Reseller), in {@code QuerySubAgentsDetailV2} order; empty for a reseller. */
    public List<Long> resellerUins() {
        return accounts.resellerUins;
    }

    /** The customers of a second-level reseller ({@code ResellerCustomer}), in {@code QueryT1IndirectCustomersDetail} order. */
    public List<Long> resellerCustomerUins(long resellerUin) {
        List<Long> theirs = accounts.resellerCustomerUins.get(resellerUin);
        if (theirs == null) {
            throw new IllegalArgumentException(resellerUin + " is not a second-level reseller of the simulator's distributor");
        }
        return theirs;
    }

    /** Every UIN with bills, direct customers, second-level resellers and their customers alike. */
    public List<Long> billableUins() {
        List<Long> all = new ArrayList<>(accounts.customerUins);
        accounts.resellerUins.forEach(reseller -> {
            all.add(reseller);
            all.addAll(accounts.resellerCustomerUins.get(reseller));
        });
        return all;
    }

    /** The {@code CustomerUinType} a UIN's files are asked for with: Customer, Reseller or ResellerCustomer; null for none. */
    public String customerType(long uin) {
        return accounts.types.get(uin);
    }

    /** The customers whose bill files have a header and no rows (and who have no summaries and no vouchers). */
    public List<Long> emptyCustomerUins() {
        return accounts.customerUins.stream().filter(accounts.emptyCustomers::contains).toList();
    }

    /** Streams the file of a feed ({@code l2|l3|commission}) for a month and customer (null = the caller's own). */
    public void writeCsv(String feed, YearMonth month, Long customerUin, OutputStream out) {
        write(file(feed, month, customerUin), out);
    }

    /**
     * Streams the file of a feed for a month and customer in {@code language} ({@code en} or {@code zh_cn}, as
     * {@code FileLanguage} asks): the same rows as in English, with Chinese headers and values for {@code zh_cn}.
     */
    public void writeCsv(String feed, YearMonth month, Long customerUin, String language, OutputStream out) {
        write(file(feed, month, customerUin).withLanguage(language), out);
    }

    /** Streams the bill package (ZIP of every customer's CSV, split at the pack row limit) of {@code l2} or {@code l3}. */
    public void writePack(String feed, YearMonth month, OutputStream out) {
        write(BillFile.pack(feed, month), out);
    }

    /** Rows, exact amount total and byte size of that file; computed by generating it once, then remembered. */
    public ExpectedFile expected(String feed, YearMonth month, Long customerUin) {
        return expected(file(feed, month, customerUin));
    }

    /** Rows and amount total over all customers, and the byte size of the package ZIP, of {@code l2} or {@code l3}. */
    public ExpectedFile expectedPack(String feed, YearMonth month) {
        return expected(BillFile.pack(feed, month));
    }

    /** The totals the three summary actions report for that customer and month (faults not applied). */
    public ExpectedSummary expectedSummary(YearMonth month, long customerUin) {
        CustomerSummary summary = summary(month, customerUin);
        CustomerSummary.Group all = summary.overall();
        return new ExpectedSummary(all.originalCost(), all.voucherPayAmount(), all.totalCost(),
                summary.byRegion().size(), summary.byProduct().size(), summary.byPayMode().size());
    }

    /** The customer's vouchers and their usage in that month, as the voucher actions page through them. */
    public ExpectedVouchers expectedVouchers(YearMonth month, long customerUin) {
        requireCustomer(customerUin);
        List<VoucherBook.Voucher> own = vouchers.of(customerUin);
        long records = 0;
        BigDecimal amount = BigDecimal.ZERO;
        for (VoucherBook.Voucher voucher : own) {
            for (VoucherBook.Usage usage : vouchers.usage(voucher, month)) {
                records++;
                amount = amount.add(usage.amount());
            }
        }
        return new ExpectedVouchers(own.size(), records, amount);
    }

    /**
     * Restates a customer's month, as Tencent corrects a bill after the fact: from now on the customer's file of
     * {@code feed} ({@code l2|l3|commission}; null customer: the caller's own file) for {@code month} holds other rows
     * (its rows are generated anew from a seed of the file and its revision), and every expected total, pack and summary
     * follows. L2 and L3 are one bill (L2 is made from L3), so restating either changes both. The files of other
     * customers and months do not change.
     */
    public synchronized void restate(String feed, YearMonth month, Long customerUin) {
        BillFile file = file(feed, month, customerUin);
        if (BillFile.COMMISSION.equals(file.feed())) {
            revisions.merge(file, 1, Integer::sum);
            expectedCache.remove(file);
            return;
        }
        BillFile details = file(BillFile.L3, month, customerUin); // L2 is made from L3: restating either restates the bill
        revisions.merge(details, 1, Integer::sum);
        for (String bill : List.of(BillFile.L3, BillFile.L2)) {
            expectedCache.remove(file(bill, month, customerUin));
            expectedCache.remove(BillFile.pack(bill, month));
        }
        summaries.remove(details);
    }

    ExpectedFile expected(BillFile file) {
        return expectedCache.computeIfAbsent(file, f -> write(f, OutputStream.nullOutputStream()));
    }

    /** Writes the file (CSV or package) to {@code target}, which stays open, and returns what was written. */
    ExpectedFile write(BillFile file, OutputStream target) {
        if (file.pack()) {
            return new PackWriter(this, config.packRowLimit()).write(file, target);
        }
        CountingOutputStream counting = new CountingOutputStream(target);
        CsvSink sink = new CsvSink(counting, mapping(file));
        BigDecimal total = forEachRow(file, sink::print);
        sink.finish();
        return new ExpectedFile(rowCount(file), total, counting.count());
    }

    /**
     * Generates the rows of a single file in order and hands each to {@code action}; the row object is reused, so the
     * action must read it before returning. Returns the exact sum of the file's amount column.
     */
    BigDecimal forEachRow(BillFile file, Consumer<FileMapping.Row> action) {
        CsvRowGenerator generator = generator(file);
        FileMapping.Row row = mapping(file).newRow();
        long rows = rowCount(file);
        BigDecimal total = BigDecimal.ZERO;
        for (long i = 0; i < rows; i++) {
            row.clear();
            generator.fill(row, i);
            if (file.chinese()) {
                ChineseValues.translate(row);
            }
            total = total.add(new BigDecimal(row.amount()));
            action.accept(row);
        }
        return total;
    }

    /**
     * The generator of a single file's rows: seeded by the file and its revision; an L2 file aggregates the rows of the
     * same customer's L3 file (its revision included), as Tencent derives the bill by instance from the details.
     */
    private CsvRowGenerator generator(BillFile file) {
        if (BillFile.L2.equals(file.feed())) {
            BillFile details = new BillFile(BillFile.L3, file.month(), file.customerUin());
            return new InstanceRowGenerator(generator(details), mapping(details).newRow(), rowCount(details), rowCount(file));
        }
        int revision = revisions.getOrDefault(file.withLanguage(FileLayout.ENGLISH), 0); // a restatement changes every language of the file
        long seed = revision == 0 ? config.seed() : Seeds.mix(config.seed(), -revision);
        return CsvRowGenerator.of(file, seed, accounts);
    }

    /** The summaries of a customer's L3 file for the month, computed from its rows on first use. */
    CustomerSummary summary(YearMonth month, long customerUin) {
        return summaries.computeIfAbsent(file(BillFile.L3, month, customerUin), f -> CustomerSummary.of(this, f));
    }

    VoucherBook vouchers() {
        return vouchers;
    }

    /**
     * The header of {@code file}: its feed's mapping in the configured layout (of its month) and its language, and for
     * bill files the tag columns of its month.
     */
    FileMapping mapping(BillFile file) {
        FileLayout layout = config.fileLayout().of(file.month());
        boolean commission = file.feed().equals(BillFile.COMMISSION);
        String language = commission ? FileLayout.ENGLISH : file.language();
        FileMapping mapping = mappings.computeIfAbsent(file.feed() + "|" + layout.code() + "|" + language, key -> FileMapping.forFeed(
                catalog, file.feed(), commission ? "commission_amount" : "total_cost", layout, language));
        if (commission) {
            return mapping;
        }
        return taggedMappings.computeIfAbsent(file.feed() + "|" + layout.code() + "|" + language + "|" + file.month(),
                k -> mapping.withTags(SimulatedTags.keys(file.month())));
    }

    String fileName(BillFile file) {
        return file.fileName(config.seed(), accounts.ownUin);
    }

    long seed() {
        return config.seed();
    }

    boolean isCustomer(long uin) {
        return accounts.all.contains(uin);
    }

    private BillFile file(String feed, YearMonth month, Long customerUin) {
        BillFile file = new BillFile(feed, month, customerUin);
        if (customerUin != null) {
            requireCustomer(customerUin);
        }
        return file;
    }

    private void requireCustomer(long customerUin) {
        if (!isCustomer(customerUin)) {
            throw new IllegalArgumentException("customer " + customerUin + " is not in the simulator's data set");
        }
    }

    private long rowCount(BillFile file) {
        if (file.customerUin() != null && accounts.emptyCustomers.contains(file.customerUin())) {
            return 0;
        }
        boolean own = file.customerUin() == null;
        return switch (file.feed()) {
            case BillFile.L3 -> own ? config.ownL3Rows() : config.customerL3Rows();
            case BillFile.L2 -> own ? config.ownL2Rows() : config.customerL2Rows();
            default -> config.commissionRows();
        };
    }
}
