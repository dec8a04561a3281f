package io.tcbill.bench;

import io.tcbill.feed.FeedCatalog;
import io.tcbill.load.DuckDbProperties;
import io.tcbill.load.LoadReport;
import io.tcbill.load.LoadRequest;
import io.tcbill.load.MonthLoader;
import io.tcbill.load.RawInput;
import io.tcbill.simulator.BillData;
import io.tcbill.simulator.SimulatorConfig;
import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.YearMonth;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * The load figures of {@code bench}: a synthetic own L3 month of a given size, loaded by {@link MonthLoader} and read
 * by DuckDB's own {@code read_csv} into an untyped table, on the same file in the same run; each timed part runs twice
 * and the faster run counts, the order alternating so that neither always runs on a warm page cache.
 */
public final class LoadBench {

    static final YearMonth MONTH = YearMonth.of(2026, 9);
    static final String BASELINE = "CREATE TABLE t AS SELECT * FROM read_csv(<file>, all_varchar = true) in a fresh "
            + "in-memory DuckDB (default threads and memory limit)";

    private LoadBench() {
    }

    public static List<BenchFigure> run(Path workDir, long rows, PrintWriter progress) throws IOException {
        Files.createDirectories(workDir);
        Path file = workDir.resolve("l3.csv");
        String sha = generate(file, rows, progress);
        long size = Files.size(file);
        MonthLoader loader = new MonthLoader(DuckDbProperties.at(workDir.resolve("bench.duckdb")));
        LoadRequest request = new LoadRequest(FeedCatalog.load().get("l3"), MONTH,
                List.of(new RawInput(file, "bench/l3.csv", null, sha, size)), true);

        boolean rssReset = ProcessMemory.resetPeaks();
        long rssBefore = ProcessMemory.rss();
        double load = load(loader, request, rows, progress);
        long peakHeap = ProcessMemory.peakHeap();
        long peakRss = ProcessMemory.peakRss();
        double baseline = readCsv(file, progress);
        load = Math.min(load, load(loader, request, rows, progress));
        baseline = Math.min(baseline, readCsv(file, progress));

        double mb = size / 1e6;
        String label = String.format(Locale.ROOT, "%dk rows, %.0f MB", rows / 1000, mb);
        return List.of(
                new BenchFigure("load l3 rows/s", rows / load / 1e3, rows / baseline / 1e3, "k", ">= 0.8",
                        "load stage (MonthLoader.load: stage, publish, log) vs " + BASELINE + "; " + label),
                new BenchFigure("load l3 MB/s", mb / load, mb / baseline, "M", ">= 0.8", "same runs, CSV bytes per second"),
                new BenchFigure("load peak heap", peakHeap / 1e6, ProcessMemory.maxHeap() / 1e6, "M", "report",
                        "sum of the heap pools' peak usage during the first load vs the heap limit (-Xmx)"),
                new BenchFigure("load peak RSS", peakRss / 1e6, rssBefore / 1e6, "M", "report",
                        "process VmHWM during the first load vs VmRSS just before it"
                                + (rssReset ? "" : " (peak not reset: since JVM start)")));
    }

    /** Streams the simulator's own L3 file for the bench month, buffered; returns its SHA-256. */
    private static String generate(Path file, long rows, PrintWriter progress) throws IOException {
        progress.printf(Locale.ROOT, "bench: generating an L3 CSV of %,d rows in %s%n", rows, file);
        progress.flush();
        BillData data = new BillData(SimulatorConfig.defaults().withRows(Math.toIntExact(rows), 1, 1, 1, 1));
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM lacks SHA-256", e);
        }
        long start = System.nanoTime();
        try (OutputStream out = new DigestOutputStream(new BufferedOutputStream(
                new Progress(Files.newOutputStream(file), progress, start), 1 << 20), sha)) {
            data.writeCsv("l3", MONTH, null, out);
        }
        progress.printf(Locale.ROOT, "bench: generated %,d bytes in %.1f s%n", Files.size(file), seconds(start));
        progress.flush();
        return HexFormat.of().formatHex(sha.digest());
    }

    /** Wall seconds of one {@link MonthLoader#load}. */
    private static double load(MonthLoader loader, LoadRequest request, long rows, PrintWriter progress) {
        long start = System.nanoTime();
        LoadReport report = loader.load(request);
        double seconds = seconds(start);
        if (!report.allLoaded() || report.rows() != rows) {
            throw new IllegalStateException("bench: the load did not publish " + rows + " rows: " + report.files());
        }
        progress.printf(Locale.ROOT, "bench: load stage %.2f s (%,.0f rows/s)%n", seconds, rows / seconds);
        progress.flush();
        return seconds;
    }

    /** Wall seconds of the untyped {@code read_csv} baseline, in a DuckDB of its own closed afterwards. */
    private static double readCsv(Path file, PrintWriter progress) {
        String path = file.toAbsolutePath().toString().replace("'", "''");
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
             Statement statement = connection.createStatement()) {
            statement.execute("SET autoinstall_known_extensions = false");
            long start = System.nanoTime();
            statement.execute("CREATE TABLE t AS SELECT * FROM read_csv('" + path + "', all_varchar = true)");
            double seconds = seconds(start);
            progress.printf(Locale.ROOT, "bench: read_csv baseline %.2f s%n", seconds);
            progress.flush();
            return seconds;
        } catch (SQLException e) {
            throw new IllegalStateException("bench: DuckDB's read_csv of " + file + " failed: " + e.getMessage(), e);
        }
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    /** Prints a progress line every 128 MB written. */
    private static final class Progress extends FilterOutputStream {

        private static final long STEP = 128L << 20;
        private final PrintWriter progress;
        private final long start;
        private long written;

        Progress(OutputStream out, PrintWriter progress, long start) {
            super(out);
            this.progress = progress;
            this.start = start;
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            out.write(bytes, offset, length);
            if ((written + length) / STEP != written / STEP) {
                progress.printf(Locale.ROOT, "bench: generating ... %,d MB in %.1f s%n", (written + length) >> 20, seconds(start));
                progress.flush();
            }
            written += length;
        }
    }
}
