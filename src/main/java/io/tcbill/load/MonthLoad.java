package io.tcbill.load;

import io.tcbill.feed.Feed;
import io.tcbill.load.TableSchema.Column;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * One load of a feed and month in progress, in its own private DuckDB: files are staged and checked one at a time as
 * they come ({@link #stage}), then each table's month is published once ({@link #publish}): replaced for the customers
 * whose files all loaded, load_log and rejected_rows appended. Closing discards whatever was not published. One thread
 * at a time; made by {@link MonthLoader#open}.
 */
public final class MonthLoad implements AutoCloseable {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private final DuckDbProperties properties;
    private final CuratedLayout layout;
    private final List<TableSchema> tables;
    private final Feed feed;
    private final YearMonth month;
    private final PrivateDuckDb db;
    private final Map<String, List<Column>> columns = new LinkedHashMap<>();
    private final FileStager stager;
    private final List<Attempt> attempts = new ArrayList<>();
    private boolean published;

    MonthLoad(DuckDbProperties properties, PackLimits packLimits, CuratedLayout layout, List<TableSchema> tables, Feed feed,
              YearMonth month) {
        this.properties = properties;
        this.layout = layout;
        this.tables = tables;
        this.feed = feed;
        this.month = month;
        this.db = PrivateDuckDb.open(properties);
        try {
            Connection connection = db.connection();
            for (String table : feed.tables()) {
                columns.put(table, TableSchema.named(tables, table).columns(connection));
            }
            TableSchema.named(tables, "load_log").columns(connection);
            TableSchema.named(tables, "rejected_rows").columns(connection);
            this.stager = stager(packLimits, connection);
        } catch (SQLException | RuntimeException e) {
            db.close();
            throw e instanceof SQLException ? new LoadException("preparing the load of " + feed.name() + " " + month
                    + " failed in DuckDB: " + e.getMessage(), e) : (RuntimeException) e;
        }
    }

    public Feed feed() {
        return feed;
    }

    public YearMonth month() {
        return month;
    }

    /** Stages and checks one file (a CSV, a pack, or NDJSON answers); what it holds, or why it does not load. */
    public FileResult stage(RawInput input) {
        requireOpen();
        Attempt attempt = Attempt.run(stager, input, lineage(input), String.valueOf(attempts.size()), properties.maxRejectedRows());
        attempts.add(attempt);
        return attempt.result();
    }

    /**
     * Stages and checks several files, small CSVs of one layout in one DuckDB pass (each file's lineage, rejects and
     * load_log row as if staged alone); what each holds, or why it does not load, in order.
     */
    public List<FileResult> stageAll(List<RawInput> inputs) {
        requireOpen();
        List<Attempt> staged = Attempt.runAll(stager, inputs, inputs.stream().map(this::lineage).toList(),
                "b" + attempts.size() + "_", properties.maxRejectedRows());
        attempts.addAll(staged);
        return staged.stream().map(Attempt::result).toList();
    }

    /**
     * Forgets the files staged so far whose object key is not in {@code sourceKeys}: they are neither published nor
     * logged (e.g. staged while archiving, but not recorded as archived).
     */
    public void retainOnly(Set<String> sourceKeys) {
        requireOpen();
        attempts.removeIf(attempt -> !sourceKeys.contains(attempt.input().sourceKey()));
    }

    /**
     * Publishes the month of each of the feed's tables once, replacing the rows of the customers whose files all loaded
     * (a pack covers every customer); every other published row is kept. At most once per load.
     *
     * @param wholeMonth whether the files are meant to hold every customer of the month ({@link LoadRequest#wholeMonth()})
     * @throws LoadException when publishing fails (the previous month files are unchanged)
     */
    public LoadReport publish(boolean wholeMonth) {
        requireOpen();
        published = true;
        List<Restatement> restatements = new ArrayList<>();
        try {
            Connection connection = db.connection();
            holdBackIncompleteCustomers(attempts);
            new PackCustomers(connection, layout, feed, month).check(attempts);
            KeptCustomers kept = new KeptCustomers();
            MonthHistory history = new MonthHistory(connection, layout, tables, db.tempDir());
            for (var table : columns.entrySet()) {
                List<StagedFile> publishable = attempts.stream().filter(Attempt::publishable)
                        .flatMap(a -> a.staged().stream()).filter(f -> f.table().equals(table.getKey())).toList();
                if (!publishable.isEmpty()) {
                    kept.add(table.getKey(), publish(connection, history, table.getKey(), table.getValue(), publishable,
                            restatements));
                }
            }
            if (wholeMonth) {
                kept.warnWithoutFile(feed.name(), month, attempts);
            }
            writeLog(connection);
        } catch (SQLException e) {
            throw new LoadException("loading " + feed.name() + " " + month + " failed in DuckDB: " + e.getMessage(), e);
        }
        return new LoadReport(feed, month, attempts.stream().map(Attempt::result).toList(), restatements);
    }

    @Override
    public void close() {
        db.close();
    }

    private void requireOpen() {
        if (published) {
            throw new IllegalStateException("the load of " + feed.name() + " " + month + " was already published");
        }
    }

    private FileStager stager(PackLimits packLimits, Connection connection) {
        if (feed.format() == Feed.Format.JSON) {
            return new JsonStager(connection, columns, db.tempDir());
        }
        CsvStager csv = new CsvStager(connection, feed.table(), columns.get(feed.table()), feed.packCustomerColumn(),
                feed.customerColumn(), db.tempDir());
        HeaderMapping mapping = HeaderMapping.read(feed.mapping());
        boolean tags = columns.get(feed.table()).stream().anyMatch(c -> c.name().equals(TagColumns.COLUMN));
        return new CsvFileStager(csv, tags ? mapping.withTagColumns() : mapping, feed.packCustomerColumn(), db.tempDir(),
                packLimits);
    }

    /**
     * Publishes the month, then the earlier version of the rows it changed ({@link MonthHistory}), adding what changed to
     * {@code restatements}.
     *
     * @return the current rows kept, by customer (see {@link MonthPublisher#publish})
     */
    private Map<Long, Long> publish(Connection connection, MonthHistory history, String table, List<Column> tableColumns,
                                    List<StagedFile> files, List<Restatement> restatements) throws SQLException {
        Map<Long, Long> kept;
        try {
            MonthHistory.Staged earlier = history.stage(table, tableColumns, month, files);
            kept = new MonthPublisher(connection, layout).publish(table, tableColumns, month, files);
            if (earlier != null) {
                // after the month: a crash in between loses this version's history, never shows a change that did not publish
                earlier.install();
                restatements.add(earlier.restatement());
            }
        } catch (SQLException | RuntimeException e) {
            String reason = ReaderMessage.of(e.getMessage());
            attempts.stream().filter(Attempt::publishable)
                    .forEach(a -> a.fail("publishing " + table + " " + month + " failed: " + reason));
            writeLog(connection);
            throw new LoadException("publishing " + table + " " + month + " to " + layout.monthFile(table, month)
                    + " failed; the previous month file is unchanged: " + reason, e);
        }
        return kept;
    }

    /** A customer is replaced only when all its files loaded (a pack may split a month over several CSVs). */
    private static void holdBackIncompleteCustomers(List<Attempt> attempts) {
        Set<String> failed = new HashSet<>();
        attempts.stream().filter(a -> !a.publishable()).forEach(a -> failed.add(a.holdBackKey()));
        attempts.stream().filter(a -> a.publishable() && failed.contains(a.holdBackKey()))
                .forEach(a -> a.fail("not published: another file of the " + a.lineage().customerLabel()
                        + " for this month failed to load"));
    }

    private void writeLog(Connection connection) throws SQLException {
        LoadLog log = new LoadLog(connection, layout);
        for (Attempt attempt : attempts) {
            log.add(attempt.lineage(), attempt.input(), attempt.result(), attempt.started(), Instant.now());
        }
        log.publish(attempts.stream().map(attempt -> attempt.lineage().loadId()).toList());
    }

    private Lineage lineage(RawInput input) {
        boolean pack = feed.format() == Feed.Format.CSV && input.pack();
        String who = pack ? "pack" : input.customerUin() == null ? "self" : String.valueOf(input.customerUin());
        String loadId = String.join("_", feed.name(), month.toString(), who, STAMP.format(Instant.now()),
                UUID.randomUUID().toString().substring(0, 8));
        return new Lineage(feed.name(), month, input.customerUin(), Objects.requireNonNull(input.sourceKey(), "sourceKey"),
                loadId, pack);
    }
}
