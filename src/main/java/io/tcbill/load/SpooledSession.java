package io.tcbill.load;

import io.tcbill.feed.Feed;
import io.tcbill.transfer.RawArchiver;
import io.tcbill.transfer.TransferException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A spooled load of one feed and month in progress: each object handed in ({@link #submit}) is fetched into the spool
 * (its SHA-256 checked) and staged by one background thread, in the order handed in, so staging overlaps the archiving
 * of the month's other files. The thread takes whatever was handed in since it last looked (up to {@value #BATCH_FILES}
 * files, {@value #BATCH_BYTES} bytes) and stages it together ({@link MonthLoad#stageAll}): when it falls behind, small
 * files cost less each, and it catches up; {@link #finish} stages whatever was not handed in yet, then publishes the month once, for
 * exactly the files it is given (anything else staged is forgotten). The rules are those of {@link SpooledLoad}: an
 * object unreadable for good or a file that does not load is rejected (and marked so in the raw zone), a transient
 * storage error fails the load. Closing without finishing discards everything staged; nothing was published.
 */
public final class SpooledSession implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SpooledSession.class);
    private static final AtomicInteger SESSIONS = new AtomicInteger();

    private final RawArchiver archiver;
    private final MonthLoader loader;
    private final Path spool;
    private final MonthLoad load;
    /** At most this many files are staged together. */
    static final int BATCH_FILES = 64;
    /**
     * And at most this many bytes: the spool holds a batch's files at once, and DuckDB keeps a Parquet writer open per
     * file of the batch, within the load's memory limit (68 MiB in a 1 GiB container by default).
     */
    static final long BATCH_BYTES = 16L << 20;

    private final ExecutorService worker;
    private final Map<String, CompletableFuture<Staged>> staged = new LinkedHashMap<>();
    private final Deque<Pending> pending = new ArrayDeque<>();
    private int spooled;

    /** A file's way through the background thread: its result, or why its object could not be fetched. */
    private record Staged(FileResult result, TransferException fetchFailure) {
    }

    /** A file handed in and not yet taken by the background thread, with where its result goes. */
    private record Pending(ArchivedFile file, CompletableFuture<Staged> result) {
    }

    SpooledSession(RawArchiver archiver, MonthLoader loader, Feed feed, YearMonth month) throws IOException {
        this.archiver = archiver;
        this.loader = loader;
        this.spool = Files.createTempDirectory(Files.createDirectories(loader.workDir()), "spool-");
        try {
            this.load = loader.open(feed, month);
        } catch (RuntimeException e) {
            deleteQuietly(spool);
            throw e;
        }
        String name = "stage-" + feed.name() + "-" + month + "-" + SESSIONS.incrementAndGet();
        this.worker = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, name);
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Hands in an archived object to fetch and stage in the background (once per key; a repeat is ignored). */
    public synchronized void submit(ArchivedFile file) {
        if (!staged.containsKey(file.key())) {
            enqueue(file);
        }
    }

    /** With this session's lock held. */
    private void enqueue(ArchivedFile file) {
        CompletableFuture<Staged> result = new CompletableFuture<>();
        staged.put(file.key(), result);
        pending.add(new Pending(file, result));
        worker.execute(this::stagePending);
    }

    /**
     * Stages the files of {@code files} not handed in yet (and again those whose fetch failed transiently), waits for
     * all, then publishes the month for exactly these files, telling {@code loaded} about each file in order.
     *
     * @throws TransferException a transient storage error on an object (nothing is published)
     * @throws InterruptedIOException when the calling thread is interrupted while waiting (nothing is published)
     */
    public SpooledLoad.Outcome finish(boolean wholeMonth, List<ArchivedFile> files, Consumer<FileResult> loaded)
            throws IOException {
        long start = System.nanoTime();
        Map<String, String> rejected = new LinkedHashMap<>();
        boolean anyStaged = false;
        for (ArchivedFile file : files) {
            Staged result = await(file);
            if (result.fetchFailure() != null && result.fetchFailure().isTransient()) {
                resubmit(file);
                result = await(file);
            }
            if (result.fetchFailure() != null) {
                if (result.fetchFailure().isTransient()) {
                    throw result.fetchFailure();
                }
                rejected.put(file.key(), file.label() + " (" + file.key() + "): " + result.fetchFailure().getMessage());
                continue;
            }
            anyStaged = true;
            loaded.accept(result.result());
        }
        long staged = System.nanoTime();
        Set<String> keys = files.stream().map(ArchivedFile::key).collect(Collectors.toSet());
        LoadReport report = !anyStaged ? null : call(() -> {
            load.retainOnly(keys);
            try {
                return load.publish(wholeMonth);
            } finally {
                load.close(); // before the snapshot is brought up to date: one DuckDB at a time
            }
        });
        if (report != null) {
            long published = System.nanoTime();
            loader.ensureViews();
            log.info("{} {}: {} file(s): {} s waiting for their staging, {} s publishing the month, {} s the analysts'"
                    + " DuckDB file", load.feed().name(), load.month(), files.size(), seconds(staged - start),
                    seconds(published - staged), seconds(System.nanoTime() - published));
            report.files().stream().filter(f -> !f.loaded()).forEach(f -> rejected.put(f.input().sourceKey(),
                    ArchivedFile.label(f.input().pack(), f.input().customerUin()) + " (" + f.input().sourceKey() + "): "
                            + f.error()));
        }
        rejected.forEach(archiver::reject);
        return new SpooledLoad.Outcome(report, rejected);
    }

    @Override
    public void close() {
        synchronized (this) {
            pending.forEach(p -> p.result().cancel(false));
            pending.clear();
        }
        worker.shutdownNow();
        try {
            if (!worker.awaitTermination(1, java.util.concurrent.TimeUnit.MINUTES)) {
                log.warn("staging of {} {} did not end within a minute of the close", load.feed().name(), load.month());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        load.close();
        deleteQuietly(spool);
    }

    /**
     * On the background thread: takes the files handed in since it last looked (one call per file handed in, so most
     * find nothing left), fetches each object into the spool and stages them together.
     */
    private void stagePending() {
        List<Pending> batch = new ArrayList<>();
        synchronized (this) {
            long bytes = 0;
            while (!pending.isEmpty() && batch.size() < BATCH_FILES
                    && (batch.isEmpty() || bytes + pending.peek().file().size() <= BATCH_BYTES)) {
                bytes += pending.peek().file().size();
                batch.add(pending.poll());
            }
        }
        List<Pending> fetched = new ArrayList<>();
        List<RawInput> inputs = new ArrayList<>();
        for (Pending file : batch) {
            Path local = spool.resolve(Integer.toString(spooled++));
            try {
                archiver.fetch(file.file().key(), local);
                fetched.add(file);
                inputs.add(file.file().spooledAt(local));
            } catch (TransferException e) {
                file.result().complete(new Staged(null, e));
            } catch (RuntimeException | Error e) {
                file.result().completeExceptionally(e);
            }
        }
        if (inputs.isEmpty()) {
            return;
        }
        try {
            List<FileResult> results = load.stageAll(inputs);
            for (int i = 0; i < fetched.size(); i++) {
                fetched.get(i).result().complete(new Staged(results.get(i), null));
            }
        } catch (RuntimeException | Error e) {
            fetched.forEach(file -> file.result().completeExceptionally(e));
        }
    }

    private static String seconds(long nanos) {
        return String.format(java.util.Locale.ROOT, "%.1f", nanos / 1e9);
    }

    private synchronized void resubmit(ArchivedFile file) {
        enqueue(file);
    }

    private Staged await(ArchivedFile file) throws IOException {
        submit(file);
        Future<Staged> future;
        synchronized (this) {
            future = staged.get(file.key());
        }
        return get(future);
    }

    private <T> T call(java.util.concurrent.Callable<T> task) throws IOException {
        return get(worker.submit(task));
    }

    private static <T> T get(Future<T> future) throws IOException {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while the month's files were staged");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IOException(e.getCause());
        }
    }

    private static void deleteQuietly(Path dir) {
        try (var files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            log.warn("could not clean the spool directory {}: {}", dir, e.getMessage());
        }
    }
}
