package io.tcbill.bench;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.YearMonth;
import java.util.List;

/**
 * {@code status} as a user runs it ({@code java -jar tcbill.jar status}, the default configuration, in a directory
 * holding {@code data/}) on the metadata of 36 months × 5 reseller feeds with {@code customers} partition steps per
 * per-customer feed (written through Spring Batch's JobRepository, see {@link BatchMetadata}) and curated load log and
 * reconciliation files for each month; against {@code java -jar tcbill.jar --version} measured in the same run, the
 * cost of starting this JVM at all. The target is absolute: under 2 s.
 */
public final class StatusBench {

    private static final int MONTHS = 36;

    private StatusBench() {
    }

    public static List<BenchFigure> run(Path dir, int customers, PrintWriter progress) throws Exception {
        Files.createDirectories(dir.resolve("data"));
        YearMonth last = YearMonth.of(2026, 10);
        long start = System.nanoTime();
        int steps;
        try (Connection db = DriverManager.getConnection("jdbc:h2:file:" + dir.resolve("data/meta"), "sa", "")) {
            steps = BatchMetadata.generate(db, last, MONTHS, customers, 6);
        }
        curated(dir.resolve("data/curated"), last, customers);
        progress.printf("status: metadata of %d months × %d feeds, %d step executions, written in %.1f s%n", MONTHS,
                BatchMetadata.FEEDS.size(), steps, (System.nanoTime() - start) / 1e9);
        progress.flush();
        ChildUsage status = ChildUsage.median(dir, "status");
        if (status.exit() != 0) {
            throw new IllegalStateException("status ended with exit code " + status.exit());
        }
        ChildUsage month = ChildUsage.median(dir, "status", "--month", last.toString());
        ChildUsage version = ChildUsage.median(dir, "--version");
        String detail = "baseline: java -jar tcbill.jar --version (median of 3)";
        return List.of(
                new BenchFigure("status wall s", status.wallSeconds(), version.wallSeconds(), "s", "< 2 s", detail),
                new BenchFigure("status CPU s", status.cpuSeconds(), version.cpuSeconds(), "s", "", detail),
                new BenchFigure("status peak RSS MiB", status.peakRssMiB(), version.peakRssMiB(), "MiB", "", detail),
                new BenchFigure("status --month wall s", month.wallSeconds(), version.wallSeconds(), "s", "< 2 s",
                        "one month with its raw keys; " + detail));
    }

    /** One load log row per feed and customer and one reconciliation row per customer, a Parquet file per month. */
    private static void curated(Path curated, YearMonth last, int customers) throws Exception {
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:"); Statement sql = duck.createStatement()) {
            for (int m = 0; m < MONTHS; m++) {
                YearMonth month = last.minusMonths(m);
                String day = "DATE '" + month.atDay(1) + "'";
                for (String table : List.of("load_log", "reconciliation")) {
                    Path file = curated.resolve(table).resolve("bill_month=" + month).resolve("data.parquet");
                    Files.createDirectories(file.getParent());
                    String rows = table.equals("load_log")
                            ? "SELECT f.feed, " + day + " AS bill_month, 800000000000 + c.i AS customer_uin,"
                                + " TIMESTAMP '2026-01-01' AS finished_at, 0::BIGINT AS rejected_count FROM range(" + customers
                                + ") c(i), (VALUES ('l2'), ('l3'), ('summaries'), ('vouchers')) f(feed)"
                            : "SELECT " + day + " AS bill_month, 800000000000 + i AS customer_uin, 'RECONCILED' AS status"
                                + " FROM range(" + customers + ") t(i)";
                    sql.execute("COPY (" + rows + ") TO '" + file.toString().replace("'", "''") + "' (FORMAT parquet)");
                }
            }
        }
    }
}
