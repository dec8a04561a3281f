package io.tcbill.statuspage;

import io.tcbill.feed.FeedCatalog;
import io.tcbill.feed.Role;
import io.tcbill.load.CuratedFacts;
import io.tcbill.load.DuckDbProperties;
import io.tcbill.run.MonthStatus;
import io.tcbill.run.RunRecord;
import io.tcbill.run.StatusQueries;
import io.tcbill.run.StatusReport;
import io.tcbill.statuspage.MonthRows.ErrorRow;
import io.tcbill.statuspage.MonthRows.FileRow;
import io.tcbill.statuspage.MonthRows.TrendPoint;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * What the pages show, read as {@code status} reads it: the newest run of each month and feed from the metadata
 * database ({@link StatusQueries}, {@link StatusReport}, {@link CuratedFacts}), on a read-only connection taken for
 * the page and closed, and a month's files, errors, reconciliation and changes from the DuckDB file
 * ({@link SnapshotReader}).
 */
final class StatusData {

    private static final Pattern CUSTOMER = Pattern.compile("customer (?:UIN )?(\\d{3,})");

    private final DataSource metadata;
    private final String batchTablePrefix;
    private final FeedCatalog feeds;
    private final Role role;
    private final DuckDbProperties duckDb;
    private final Clock clock;

    StatusData(DataSource metadata, String batchTablePrefix, FeedCatalog feeds, Role role, DuckDbProperties duckDb,
               Clock clock) {
        this.metadata = metadata;
        this.batchTablePrefix = batchTablePrefix;
        this.feeds = feeds;
        this.role = role;
        this.duckDb = duckDb;
        this.clock = clock;
    }

    Grid grid() throws SQLException {
        return Grid.of(lines(null), feeds.namesFor(role), now());
    }

    MonthDetail month(YearMonth month) throws SQLException {
        OffsetDateTime now = now();
        List<MonthStatus> lines = lines(month);
        List<GridCell> runs = lines.stream().map(line -> GridCell.of(line, now)).toList();
        String reconciliation = lines.stream().map(MonthStatus::reconciliation)
                .filter(r -> r != null).findFirst().orElse(null);
        SnapshotReader.SnapshotRows rows;
        String snapshot = null;
        try {
            rows = new SnapshotReader(duckDb.path()).month(month);
            if (!java.nio.file.Files.exists(duckDb.path())) {
                snapshot = "nothing published yet: no DuckDB file at " + duckDb.path();
            }
        } catch (SQLException e) {
            rows = SnapshotReader.SnapshotRows.EMPTY;
            snapshot = "could not read the DuckDB file " + duckDb.path() + ": " + ShownText.of(e.getMessage());
        }
        List<ErrorRow> errors = new ArrayList<>();
        for (GridCell run : runs) {
            if (RunRecord.State.FAILED.name().equals(run.state()) && run.reason() != null) {
                Matcher customer = CUSTOMER.matcher(run.reason());
                errors.add(new ErrorRow(run.feed(), customer.find() ? Long.valueOf(customer.group(1)) : null, null,
                        "run failed", run.reason(), 1));
            }
        }
        for (FileRow file : rows.files()) {
            if (file.failed()) {
                errors.add(new ErrorRow(file.feed(), file.customerUin(), file.customerName(), "load failed",
                        file.error(), 1));
            }
        }
        errors.addAll(rows.rejected());
        return new MonthDetail(now.withNano(0).toString(), month.toString(), reconciliation, runs, rows.files(), errors, rows.reconciliation(),
                rows.changes(), snapshot);
    }

    /** The L3 total cost per month and currency over the grid's months; empty until a month is published. */
    List<TrendPoint> trend() throws SQLException {
        return new SnapshotReader(duckDb.path()).trend(YearMonth.from(now()).minusMonths(Grid.MONTHS));
    }

    private List<MonthStatus> lines(YearMonth month) throws SQLException {
        try (Connection db = metadata.getConnection()) {
            db.setReadOnly(true);
            StatusQueries queries = new StatusQueries(db, batchTablePrefix);
            List<RunRecord> runs = queries.latest(month);
            return new StatusReport(feeds, role, CuratedFacts.read(duckDb.curatedDir()), clock.getZone())
                    .lines(runs, month, null);
        }
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock);
    }
}
