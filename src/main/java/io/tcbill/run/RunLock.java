package io.tcbill.run;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * One row per month and feed being run, in the metadata database, so that two processes (two {@code run}s started at
 * once, or the scheduler and a manual run) never run the same month and feed together. Taking it is one INSERT
 * (auto-commit, so nothing waits on a row lock); a row left by a dead process (see {@link StaleExecutions}) is taken
 * over with a compare-and-set UPDATE; releasing deletes it. Works on H2 and PostgreSQL.
 */
final class RunLock {

    static final String TABLE = "TCBILL_RUN_LOCK";
    static final String DDL = "CREATE TABLE IF NOT EXISTS " + TABLE + " (LOCK_KEY VARCHAR(200) NOT NULL PRIMARY KEY,"
            + " OWNER VARCHAR(500) NOT NULL, ACQUIRED_AT TIMESTAMP NOT NULL)";

    private static final Logger log = LoggerFactory.getLogger(RunLock.class);

    private final JdbcTemplate jdbc;
    private final StaleExecutions stale;
    private final Clock clock;

    RunLock(DataSource dataSource, StaleExecutions stale, Clock clock) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.stale = stale;
        this.clock = clock;
    }

    /** Creates the lock table if it does not exist yet (at start-up; two processes may race, both succeed). */
    void createTableIfMissing() {
        MetadataTables.createIfMissing(jdbc, DDL, TABLE);
    }

    /** Takes the lock or throws {@link HeldException} naming its live holder; never waits. */
    Lease acquire(String key) {
        ExecutionOwner self = ExecutionOwner.self();
        for (int tries = 0; tries < 3; tries++) {
            LocalDateTime now = LocalDateTime.now(clock).truncatedTo(ChronoUnit.MILLIS);
            try {
                jdbc.update("INSERT INTO " + TABLE + " (LOCK_KEY, OWNER, ACQUIRED_AT) VALUES (?, ?, ?)",
                        key, self.format(), Timestamp.valueOf(now));
                return new Lease(key, self.format());
            } catch (DuplicateKeyException held) {
                List<Holder> holders = jdbc.query("SELECT OWNER, ACQUIRED_AT FROM " + TABLE + " WHERE LOCK_KEY = ?",
                        (row, i) -> new Holder(row.getString(1), row.getTimestamp(2).toLocalDateTime()), key);
                if (holders.isEmpty()) {
                    continue; // released meanwhile
                }
                Holder holder = holders.get(0);
                ExecutionOwner owner = ExecutionOwner.parse(holder.owner());
                if (!stale.isStale(owner, holder.since())) {
                    throw new HeldException(key, owner, holder.since());
                }
                int taken = jdbc.update("UPDATE " + TABLE + " SET OWNER = ?, ACQUIRED_AT = ? WHERE LOCK_KEY = ? AND OWNER = ?"
                        + " AND ACQUIRED_AT = ?", self.format(), Timestamp.valueOf(now), key, holder.owner(),
                        Timestamp.valueOf(holder.since()));
                if (taken == 1) {
                    log.warn("{}: took over the run lock left by {} since {}, which no longer runs", key,
                            owner == null ? holder.owner() : owner, holder.since());
                    return new Lease(key, self.format());
                }
            }
        }
        throw new IllegalStateException(key + ": the run lock changed hands three times while taking it; try again");
    }

    private record Holder(String owner, LocalDateTime since) {
    }

    /** A held lock; closing releases it (only if still ours). */
    final class Lease implements AutoCloseable {
        private final String key;
        private final String owner;

        private Lease(String key, String owner) {
            this.key = key;
            this.owner = owner;
        }

        @Override
        public void close() {
            try {
                jdbc.update("DELETE FROM " + TABLE + " WHERE LOCK_KEY = ? AND OWNER = ?", key, owner);
            } catch (DataAccessException e) {
                log.warn("{}: could not release the run lock ({}); the next run takes it over once this process has"
                        + " ended", key, e.getMessage());
            }
        }
    }

    /** Another live process holds the lock. */
    static final class HeldException extends RuntimeException {
        private final transient ExecutionOwner owner;
        private final LocalDateTime since;

        HeldException(String key, ExecutionOwner owner, LocalDateTime since) {
            super(key + " is held by " + (owner == null ? "another process" : owner) + " since " + since);
            this.owner = owner;
            this.since = since;
        }

        ExecutionOwner owner() {
            return owner;
        }

        LocalDateTime since() {
            return since;
        }
    }
}
