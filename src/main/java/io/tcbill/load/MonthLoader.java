package io.tcbill.load;

import io.tcbill.feed.Feed;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.YearMonth;
import java.util.List;
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Loads the raw files of one feed and month ({@link MonthLoad}) and publishes the month once per table: each file (a CSV, a reseller
 * pack of CSVs, or NDJSON API answers) is staged and checked in a private in-memory DuckDB, then each table's month
 * Parquet file is replaced atomically for the customers whose files all loaded, load_log and rejected_rows are
 * appended, and the analysts' DuckDB snapshot is brought up to date.
 */
@Component
public final class MonthLoader {


    private final DuckDbProperties properties;
    private final PackLimits packLimits;
    private final CuratedLayout layout;
    private final List<TableSchema> tables;
    private final AnalystSnapshot snapshot;

    /** A loader with the default {@link PackLimits}. */
    public MonthLoader(DuckDbProperties properties) {
        this(properties, PackLimits.defaults());
    }

    public MonthLoader(DuckDbProperties properties, PackLimits packLimits) {
        this(properties, packLimits, FocusProperties.defaults());
    }

    /** A loader whose views have the given FOCUS perspective. */
    @Autowired
    public MonthLoader(DuckDbProperties properties, PackLimits packLimits, FocusProperties focus) {
        this.properties = properties;
        DuckDbBudget.of(properties); // this configuration's budget from the start (logged once), for every DuckDB opened
        this.packLimits = packLimits;
        this.layout = new CuratedLayout(properties.curatedDir());
        this.tables = TableSchema.readAll();
        this.snapshot = new AnalystSnapshot(properties, focus, layout, tables);
    }

    public Path databasePath() {
        return properties.path();
    }

    public Path curatedDir() {
        return properties.curatedDir();
    }

    /** Where the published Parquet files are, and their keys in the lake. */
    public CuratedLayout curated() {
        return layout;
    }

    /** Scratch space for spooled raw files and DuckDB's temporary files. */
    public Path workDir() {
        return properties.workDir();
    }

    /**
     * Brings the analysts' DuckDB file (a snapshot: the tables of {@code schema/} filled from the curated Parquet files,
     * the views of {@code schema/views/}) up to date, creating it if missing; swapped in whole, never written in place.
     * Idempotent, and cheap when nothing changed.
     */
    public void ensureViews() {
        snapshot.ensure();
    }

    /**
     * Loads every file of the request, then publishes the month of each of the feed's tables once, replacing the rows of
     * the customers whose files all loaded (a pack covers every customer); every other published row is kept.
     *
     * @throws LoadException when publishing fails, or when the DuckDB snapshot cannot be updated (the Parquet files are then published)
     */
    public LoadReport load(LoadRequest request) {
        return load(request, file -> { });
    }

    /**
     * The same, telling {@code staged} about each file once it is staged and checked (before the month is published),
     * e.g. for a progress display.
     */
    public LoadReport load(LoadRequest request, Consumer<FileResult> staged) {
        LoadReport report;
        try (MonthLoad load = open(request.feed(), request.month())) {
            for (RawInput input : request.files()) {
                staged.accept(load.stage(input));
            }
            report = load.publish(request.wholeMonth());
        }
        snapshot.ensure();
        return report;
    }

    /**
     * Starts a load of {@code feed} and {@code month} whose files are staged one at a time as they come, then published
     * once ({@link MonthLoad}); the caller closes it, then calls {@link #ensureViews()} after a publish.
     *
     * @throws LoadException when the private DuckDB cannot be prepared
     */
    public MonthLoad open(Feed feed, YearMonth month) {
        return new MonthLoad(properties, packLimits, layout, tables, feed, month);
    }

    /**
     * Replaces the month of {@code customer_month} with the customers the API listed for it (an empty list empties it).
     *
     * @throws LoadException when the month file cannot be written
     */
    public void publishCustomers(YearMonth month, List<Long> customerUins, String loadId) {
        if (customerUins.stream().anyMatch(Objects::isNull)) {
            throw new IllegalArgumentException("customer_month " + month + ": a customer UIN is null (load " + loadId + ")");
        }
        publishListedCustomers(month, customerUins.stream().map(MonthCustomer::direct).toList(), loadId);
    }

    /**
     * The same with each UIN's customer type and second-level reseller (a distributor's listing).
     *
     * @throws LoadException when the month file cannot be written
     */
    public void publishListedCustomers(YearMonth month, List<MonthCustomer> customers, String loadId) {
        Map<Long, MonthCustomer> unique = new TreeMap<>();
        customers.forEach(customer -> unique.putIfAbsent(customer.customerUin(), customer));
        StringJoiner rows = new StringJoiner(", ");
        unique.values().forEach(c -> rows.add("(" + c.customerUin() + ", " + Sql.literal(c.customerType()) + ", "
                + (c.resellerUin() == null ? "NULL" : c.resellerUin().toString()) + ")"));
        try (PrivateDuckDb db = PrivateDuckDb.open(properties)) {
            Connection connection = db.connection();
            TableSchema.named(tables, "customer_month").columns(connection);
            if (!unique.isEmpty()) {
                Sql.execute(connection, "INSERT INTO customer_month BY NAME SELECT CAST(u AS BIGINT) AS customer_uin,"
                        + " t AS customer_type, CAST(r AS BIGINT) AS reseller_uin, DATE '" + month.atDay(1) + "' AS bill_month, "
                        + Sql.literal(Objects.requireNonNull(loadId, "loadId")) + " AS load_id FROM (VALUES " + rows + ") AS v(u, t, r)");
            }
            CuratedLayout.write(connection, "SELECT * FROM customer_month ORDER BY customer_uin", layout.monthFile("customer_month", month));
        } catch (SQLException e) {
            throw new LoadException("publishing customer_month " + month + " failed in DuckDB: " + e.getMessage(), e);
        }
        snapshot.ensure();
    }

    /**
     * The customers {@code customer_month} holds for the month as published (empty when the month has none). Read-only:
     * reads the month's Parquet file and changes nothing.
     *
     * @throws LoadException when the month file cannot be read
     */
    public List<Long> publishedCustomers(YearMonth month) {
        Path file = layout.monthFile("customer_month", month);
        if (!Files.exists(file)) {
            return List.of();
        }
        try (PrivateDuckDb db = PrivateDuckDb.open(properties)) {
            return Sql.query(db.connection(), "SELECT DISTINCT customer_uin FROM " + CuratedLayout.read(file)
                    + " ORDER BY 1").stream().map(row -> Long.valueOf(row.get(0))).toList();
        } catch (SQLException e) {
            throw new LoadException("reading customer_month " + month + " from " + file + " failed: " + e.getMessage(), e);
        }
    }

    /**
     * The customer type ({@code Reseller}, {@code ResellerCustomer}) of each UIN of the month's {@code customer_month}
     * that is not a direct customer, as the
     * month's last listing recorded it (empty when the month has none). Read-only.
     *
     * @throws LoadException when the month file cannot be read
     */
    public Map<Long, String> publishedCustomerTypes(YearMonth month) {
        Path file = layout.monthFile("customer_month", month);
        if (!Files.exists(file)) {
            return Map.of();
        }
        try (PrivateDuckDb db = PrivateDuckDb.open(properties)) {
            Map<Long, String> types = new TreeMap<>();
            Sql.query(db.connection(), "SELECT customer_uin, customer_type FROM " + CuratedLayout.read(file)
                    + " WHERE coalesce(customer_type, 'Customer') <> 'Customer'")
                    .forEach(row -> types.put(Long.valueOf(row.get(0)), row.get(1)));
            return types;
        } catch (SQLException e) {
            throw new LoadException("reading customer_month " + month + " from " + file + " failed: " + e.getMessage(), e);
        }
    }
}
