package io.tcbill.load;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bounded waiting for DuckDB's file lock (one writer process or many readers): retries an action while DuckDB says
 * the file is held elsewhere, logs who holds it, and gives up after {@code lockWait} with what to do.
 */
final class FileLock {

    interface Action<T> {
        T run() throws SQLException;
    }

    private static final Logger log = LoggerFactory.getLogger(FileLock.class);
    private static final Pattern HOLDER = Pattern.compile("Conflicting lock is held in (.+?) \\(PID (\\d+)\\)");

    private final Path database;
    private final Duration lockWait;
    private final Path curatedDir;

    FileLock(Path database, Duration lockWait, Path curatedDir) {
        this.database = database;
        this.lockWait = lockWait;
        this.curatedDir = curatedDir;
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
