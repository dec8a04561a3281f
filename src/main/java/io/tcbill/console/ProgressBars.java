package io.tcbill.console;

import io.tcbill.run.RunProgress;
import java.time.YearMonth;
import java.util.Locale;
import java.util.function.Supplier;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarConsumer;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * The progress bar of an interactive {@code run}, {@code backfill} or {@code demo} (me.tongfei:progressbar), one bar
 * at a time: per feed, the files archived (done / total, with the bytes received so far, which grow part by part
 * while a large file downloads), then the files loaded (with the rows so far). Drawn only where a person watches (see
 * {@link Terminal}); everywhere else the log lines stay as they are. Thread-safe: the archive step reports from
 * its worker threads.
 */
public final class ProgressBars implements RunProgress {

    private final Supplier<ProgressBarConsumer> consumers;
    private ProgressBar bar;
    private long amount;
    private long inFlight;
    private int failed;
    private boolean loading;

    ProgressBars(Supplier<ProgressBarConsumer> consumers) {
        this.consumers = consumers;
    }

    /** Bars drawn on stderr, next to the log (whose INFO lines an interactive run leaves out). */
    public static ProgressBars onStderr() {
        return new ProgressBars(() -> new ConsoleProgressBarConsumer(System.err));
    }

    @Override
    public synchronized void archiveStarted(String feed, YearMonth month, int files) {
        open(feed + " " + month + " archive", files, false);
    }

    @Override
    public synchronized void bytesInFlight(String feed, YearMonth month, long delta) {
        inFlight += delta;
        if (bar != null) {
            bar.setExtraMessage(message());
        }
    }

    @Override
    public synchronized void fileArchived(String feed, YearMonth month, long bytes) {
        amount += bytes;
        step();
    }

    @Override
    public synchronized void fileFailed(String feed, YearMonth month) {
        failed++;
        step();
    }

    @Override
    public synchronized void loadStarted(String feed, YearMonth month, int files) {
        open(feed + " " + month + " load", files, true);
    }

    @Override
    public synchronized void fileLoaded(String feed, YearMonth month, long rows) {
        amount += rows;
        step();
    }

    /** Ends the bar on screen, if one is open. */
    public synchronized void finish() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }

    private void open(String task, int files, boolean load) {
        finish();
        amount = 0;
        inFlight = 0;
        failed = 0;
        loading = load;
        if (files > 0) {
            bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(files).setConsumer(consumers.get())
                    .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(250).build();
            bar.setExtraMessage(message());
        }
    }

    private void step() {
        if (bar != null) {
            bar.step();
            bar.setExtraMessage(message());
        }
    }

    private String message() {
        String done = loading ? String.format(Locale.ROOT, "%,d rows", amount) : bytes(amount + inFlight);
        return failed == 0 ? done : done + ", " + failed + " failed";
    }

    static String bytes(long bytes) {
        if (bytes < 1000) {
            return bytes + " B";
        }
        String[] units = {"kB", "MB", "GB", "TB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1000 && unit < units.length - 1) {
            value /= 1000;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }
}
