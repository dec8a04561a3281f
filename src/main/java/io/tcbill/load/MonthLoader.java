package io.tcbill.load;

import io.tcbill.feed.Feed;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Loads the raw CSVs of one feed and month and publishes the month once: each file is staged and checked in a
 * private in-memory DuckDB, then the month's Parquet file is replaced atomically for the customers whose files all
 * loaded, load_log and rejected_rows are appended, and the analysts' views are (re)created if needed.
 */
@Component
public final class MonthLoader {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private final DuckDbProperties properties;
    private final CuratedLayout layout;
    private final List<TableSchema> tables;
    private final AnalystViews views;

    public MonthLoader(DuckDbProperties properties) {
        this.properties = properties;
        this.layout = new CuratedLayout(properties.curatedDir());
        this.tables = TableSchema.readAll();
        this.views = new AnalystViews(properties, layout, tables);
    }

    public Path databasePath() {
        return properties.path();
    }

    public Path curatedDir() {
        return properties.curatedDir();
    }

    /** Scratch space for spooled raw files and DuckDB's temporary files. */
    public Path workDir() {
        return properties.workDir();
    }

    /** Creates the DuckDB file and a view per table of {@code schema/} where missing or changed. Idempotent. */
    public void ensureViews() {
        views.ensure();
    }

    /**
     * Loads every file of the request, then publishes the month once for the customers whose files all loaded.
     *
     * @throws LoadException when publishing fails, or when the views cannot be updated (the data is then published)
     */
    public LoadReport load(LoadRequest request) {
        Feed feed = request.feed();
        TableSchema table = TableSchema.named(tables, feed.table());
        HeaderMapping mapping = HeaderMapping.read(feed.mapping());
        List<Attempt> attempts = new ArrayList<>();
        try (PrivateDuckDb db = PrivateDuckDb.open(properties)) {
            Connection connection = db.connection();
            var columns = table.columns(connection);
            TableSchema.named(tables, "load_log").columns(connection);
            TableSchema.named(tables, "rejected_rows").columns(connection);
            CsvStager stager = new CsvStager(connection, columns);
            for (RawInput input : request.files()) {
                attempts.add(Attempt.run(stager, mapping, input, lineage(request, input), attempts.size(),
                        properties.maxRejectedRows()));
            }
            holdBackIncompleteCustomers(attempts);
            List<StagedFile> publishable = attempts.stream().filter(Attempt::publishable).map(Attempt::staged).toList();
            boolean keepNone = request.wholeMonth() && attempts.stream().allMatch(Attempt::publishable);
            if (!publishable.isEmpty()) {
                publish(connection, table, columns, request.month(), publishable, keepNone, attempts);
            }
            writeLog(connection, attempts);
        } catch (SQLException e) {
            throw new LoadException("loading " + feed.name() + " " + request.month() + " failed in DuckDB: " + e.getMessage(), e);
        }
        views.ensure();
        return new LoadReport(feed, request.month(), attempts.stream().map(Attempt::result).toList());
    }

    private void publish(Connection connection, TableSchema table, List<TableSchema.Column> columns, YearMonth month,
                         List<StagedFile> files, boolean keepNone, List<Attempt> attempts) throws SQLException {
        try {
            new MonthPublisher(connection, layout).publish(table.name(), columns, month, files, keepNone);
        } catch (SQLException | RuntimeException e) {
            attempts.stream().filter(Attempt::publishable)
                    .forEach(a -> a.fail("publishing " + table.name() + " " + month + " failed: " + e.getMessage()));
            writeLog(connection, attempts);
            throw new LoadException("publishing " + table.name() + " " + month + " to " + layout.monthFile(table.name(), month)
                    + " failed; the previous month file is unchanged: " + e.getMessage(), e);
        }
    }

    /** A customer is replaced only when all its files loaded (a pack may split a month over several CSVs). */
    private static void holdBackIncompleteCustomers(List<Attempt> attempts) {
        Set<Optional<Long>> failed = new HashSet<>();
        attempts.stream().filter(a -> !a.publishable()).forEach(a -> failed.add(Optional.ofNullable(a.input().customerUin())));
        attempts.stream().filter(a -> a.publishable() && failed.contains(Optional.ofNullable(a.input().customerUin())))
                .forEach(a -> a.fail("not published: another file of the " + a.lineage().customerLabel()
                        + " for this month failed to load"));
    }

    private void writeLog(Connection connection, List<Attempt> attempts) throws SQLException {
        LoadLog log = new LoadLog(connection, layout);
        for (Attempt attempt : attempts) {
            log.add(attempt.lineage(), attempt.input(), attempt.result(), attempt.started(), Instant.now());
            log.publish(attempt.lineage().loadId());
        }
    }

    private static Lineage lineage(LoadRequest request, RawInput input) {
        String loadId = String.join("_", request.feed().name(), request.month().toString(),
                input.customerUin() == null ? "self" : String.valueOf(input.customerUin()), STAMP.format(Instant.now()),
                UUID.randomUUID().toString().substring(0, 8));
        return new Lineage(request.feed().name(), request.month(), input.customerUin(),
                Objects.requireNonNull(input.sourceKey(), "sourceKey"), loadId);
    }
}
