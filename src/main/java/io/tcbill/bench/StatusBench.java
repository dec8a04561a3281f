package io.tcbill.bench;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code status} as a user runs it ({@code java -jar tcbill.jar status}, the default configuration, in a directory
 * holding {@code data/}) on the large metadata: 36 months × 5 reseller feeds × 2,000 customers, one partition
 * step per customer and per-customer feed (written through Spring Batch's JobRepository on H2, with the indexes a
 * tcbill start creates, see {@link BatchMetadata}; about 300,000 step executions) and curated load log and
 * reconciliation files for each month; and, when a PostgreSQL answers at 127.0.0.1:5432 (user postgres), on a copy of
 * the same metadata in a fresh database of it ({@link MetadataCopy}).
 * Against {@code java -jar tcbill.jar --version} measured in the same run, the cost of starting this JVM at all. The
 * issue's target is absolute: under 2 s.
 */
public final class StatusBench {

    /** Months of the metadata. */
    public static final int MONTHS = 36;
    /** Customers of each per-customer feed: the size, whatever {@code bench --customers} says. */
    public static final int CUSTOMERS = 2000;
    private static final String POSTGRES = "jdbc:postgresql://127.0.0.1:5432/";

    private StatusBench() {
    }

    public static List<BenchFigure> run(Path dir, PrintWriter progress) throws Exception {
        int customers = CUSTOMERS;
        Files.createDirectories(dir.resolve("data"));
        YearMonth last = YearMonth.of(2026, 10);
        curated(dir.resolve("data/curated"), last, customers);
        ChildUsage version = ChildUsage.median(dir, Map.of(), "--version");
        String detail = "baseline: java -jar tcbill.jar --version (median of 3)";
        List<BenchFigure> figures = new ArrayList<>();
        try (Connection db = DriverManager.getConnection("jdbc:h2:file:" + dir.resolve("data/meta"), "sa", "")) {
            generate(db, last, customers, progress);
        }
        figures.addAll(measure("", dir, Map.of(), last, version, detail));
        String database = "tcbill_bench_status_" + ProcessHandle.current().pid();
        try (Connection admin = postgres("postgres")) {
            if (admin == null) {
                progress.println("status: no PostgreSQL at 127.0.0.1:5432 (user postgres): measured on H2 only");
                return figures;
            }
            try (Statement sql = admin.createStatement()) {
                sql.execute("CREATE DATABASE " + database);
            }
            try {
                long start = System.nanoTime();
                try (Connection h2 = DriverManager.getConnection("jdbc:h2:file:" + dir.resolve("data/meta"), "sa", "");
                     Connection db = postgres(database)) {
                    MetadataCopy.toPostgres(h2, db);
                }
                progress.printf("status: the same metadata copied to PostgreSQL in %.1f s%n", (System.nanoTime() - start) / 1e9);
                progress.flush();
                figures.addAll(measure(" pg", dir, Map.of("SPRING_DATASOURCE_URL", POSTGRES + database,
                        "SPRING_DATASOURCE_USERNAME", "postgres", "SPRING_DATASOURCE_PASSWORD", ""), last, version, detail));
            } finally {
                try (Statement sql = admin.createStatement()) {
                    sql.execute("DROP DATABASE IF EXISTS " + database);
                }
            }
        }
        return figures;
    }

    private static void generate(Connection db, YearMonth last, int customers, PrintWriter progress) throws Exception {
        long start = System.nanoTime();
        int steps = BatchMetadata.generate(db, last, MONTHS, customers, 6);
        progress.printf("status: metadata of %d months × %d feeds × %d customers, %d step executions, written in %.1f s%n",
                MONTHS, BatchMetadata.FEEDS.size(), customers, steps, (System.nanoTime() - start) / 1e9);
        progress.flush();
    }

    private static List<BenchFigure> measure(String on, Path dir, Map<String, String> environment, YearMonth last,
                                             ChildUsage version, String detail) throws Exception {
        ChildUsage status = ChildUsage.median(dir, environment, "status");
        if (status.exit() != 0) {
            throw new IllegalStateException("status" + on + " ended with exit code " + status.exit());
        }
        ChildUsage month = ChildUsage.median(dir, environment, "status", "--month", last.toString());
        return List.of(
                new BenchFigure("status wall s" + on, status.wallSeconds(), version.wallSeconds(), "s", "< 2 s", detail),
                new BenchFigure("status CPU s" + on, status.cpuSeconds(), version.cpuSeconds(), "s", "", detail),
                new BenchFigure("status peak RSS MiB" + on, status.peakRssMiB(), version.peakRssMiB(), "MiB", "", detail),
                new BenchFigure("status --month wall s" + on, month.wallSeconds(), version.wallSeconds(), "s", "< 2 s",
                        "one month with its raw keys; " + detail));
    }

    /** A connection to the local PostgreSQL as user postgres, or null when there is none. */
    private static Connection postgres(String database) {
        try {
            DriverManager.setLoginTimeout(5);
            return DriverManager.getConnection(POSTGRES + database, "postgres", "");
        } catch (SQLException e) {
            return null;
        }
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
