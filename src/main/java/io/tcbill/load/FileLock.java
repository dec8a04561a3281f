package io.tcbill.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bounded waiting for DuckDB's file lock (one writer process or many readers): retries an action while DuckDB says
 * the file is held elsewhere, logs who holds it, and gives up after {@code lockWait} with what to do. Also serializes
 * the publishers of the file ({@link #exclusive}): one thread of one process at a time, through an OS lock on
 * {@code <file>.publish-lock}.
 */
final class FileLock {

    interface Action<T> {
        T run() throws SQLException;
    }

    private static final Logger log = LoggerFactory.getLogger(FileLock.class);
    /** The OS lock belongs to the process: threads of one process are serialized here first. */
    private static final Map<Path, ReentrantLock> LOCAL = new ConcurrentHashMap<>();
    private static final Pattern HOLDER = Pattern.compile("Conflicting lock is held in (.+?) \\(PID (\\d+)\\)");

    private final Path database;
    private final Duration lockWait;
    private final Path curatedDir;

    FileLock(Path database, Duration lockWait, Path curatedDir) {
        this.database = database;
        this.lockWait = lockWait;
        this.curatedDir = curatedDir;
    }

    /**
     * Runs {@code action} while no other thread or process publishes the same file, waiting up to {@code lockWait} for
     * them; the lock file names the holder's PID for the message of whoever waits.
     */
    <T> T exclusive(Action<T> action) throws SQLException {
        ReentrantLock local = LOCAL.computeIfAbsent(database, path -> new ReentrantLock());
        long deadline = System.nanoTime() + lockWait.toNanos();
        try {
            if (!local.tryLock(lockWait.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new LoadException("another thread of this process kept publishing " + database + " for " + lockWait
                        + "; the data is already published as Parquet under " + curatedDir);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LoadException("interrupted while waiting to publish " + database, e);
        }
        Path lockFile = database.resolveSibling(database.getFileName() + ".publish-lock");
        try {
            Files.createDirectories(lockFile.getParent()); // the first publish of a new data directory
        } catch (IOException e) {
            local.unlock();
            throw new UncheckedIOException("cannot create the directory of " + database, e);
        }
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE)) {
            long pause = 100;
            java.nio.channels.FileLock acquired;
            while ((acquired = channel.tryLock()) == null) {
                if (pause == 100) {
                    log.warn("another process ({}) is publishing {}; waiting up to {}", publisher(lockFile), database, lockWait);
                }
                if (System.nanoTime() + pause * 1_000_000 > deadline) {
                    throw new LoadException("another process (" + publisher(lockFile) + ") kept publishing " + database
                            + " for " + lockWait + "; the data is already published as Parquet under " + curatedDir
                            + ": run again once it is done");
                }
                sleep(pause);
                pause = Math.min(pause * 2, 2_000);
            }
            try (java.nio.channels.FileLock held = acquired) {
                channel.truncate(0).write(ByteBuffer.wrap(("PID " + ProcessHandle.current().pid())
                        .getBytes(StandardCharsets.US_ASCII)), 0);
                return action.run();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock " + lockFile + " to publish " + database, e);
        } finally {
            local.unlock();
        }
    }

    private static String publisher(Path lockFile) {
        try {
            String pid = Files.readString(lockFile, StandardCharsets.US_ASCII).strip();
            return pid.isEmpty() ? "unknown PID" : pid;
        } catch (IOException e) {
            return "unknown PID";
        }
    }

    <T> T withRetry(Action<T> action) throws SQLException {
        long deadline = System.nanoTime() + lockWait.toNanos();
        long pause = 100;
        String holder = null;
        while (true) {
            try {
                return action.run();
            } catch (SQLException e) {
                if (!isLockConflict(e)) {
                    throw e;
                }
                String current = holder(e);
                if (!current.equals(holder)) {
                    log.warn("DuckDB file {} is locked by {}; waiting up to {} for it to be released", database, current,
                            lockWait);
                    holder = current;
                }
                if (System.nanoTime() + pause * 1_000_000 > deadline) {
                    throw new LoadException("DuckDB file " + database + " stayed locked for " + lockWait
                            + ": close the DuckDB session holding " + database + " (" + holder + ") and run again; "
                            + "the data is already published as Parquet under " + curatedDir, e);
                }
                sleep(pause);
                pause = Math.min(pause * 2, 2_000);
            }
        }
    }

    static boolean isLockConflict(SQLException e) {
        String message = String.valueOf(e.getMessage());
        return message.contains("Could not set lock on file") || message.contains("Conflicting lock")
                || message.contains("Unique file handle conflict") || message.contains("is already attached");
    }

    static String holder(SQLException e) {
        Matcher matcher = HOLDER.matcher(String.valueOf(e.getMessage()));
        return matcher.find() ? "PID " + matcher.group(2) + ", " + matcher.group(1) : "another connection in this process";
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LoadException("interrupted while waiting for the DuckDB file lock", e);
        }
    }
}
