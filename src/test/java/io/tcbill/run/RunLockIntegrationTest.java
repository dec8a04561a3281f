package io.tcbill.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/** The run lock on a real H2 database: one holder at a time, no waiting, and a dead holder's row is taken over. */
class RunLockIntegrationTest {

    private static final String KEY = "monthlyBillsJob/2026-06/l3";

    private JdbcTemplate jdbc;
    private RunLock lock;

    @BeforeEach
    void createLockTable() {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        jdbc = new JdbcTemplate(dataSource);
        Clock clock = Clock.systemDefaultZone();
        lock = new RunLock(dataSource, new StaleExecutions(Duration.ofHours(2), clock), clock);
        lock.createTableIfMissing();
        lock.createTableIfMissing(); // idempotent: every process runs it at start-up
    }

    @Test
    void aSecondHolderIsRefusedAtOnceNamingTheFirstUntilItReleases() {
        RunLock.Lease first = lock.acquire(KEY);

        assertThatThrownBy(() -> lock.acquire(KEY)).isInstanceOfSatisfying(RunLock.HeldException.class, held -> {
            assertThat(held.owner()).isEqualTo(ExecutionOwner.self());
            assertThat(held.since()).isNotNull();
        });
        lock.acquire("monthlyBillsJob/2026-06/l2").close();

        first.close();
        lock.acquire(KEY).close();
        assertThat(rows()).isZero();
    }

    @Test
    void aRowLeftByADeadProcessOnThisHostIsTakenOver() {
        holdAs(new ExecutionOwner(ExecutionOwner.self().host(), 99_999_999L, Instant.now()), LocalDateTime.now());

        try (RunLock.Lease lease = lock.acquire(KEY)) {
            assertThat(owner()).isEqualTo(ExecutionOwner.self().format());
        }
    }

    @Test
    void anotherHostsRowIsRespectedUntilItIsOlderThanStaleAfter() {
        ExecutionOwner remote = new ExecutionOwner("other-host", 42, Instant.now());
        holdAs(remote, LocalDateTime.now().minusMinutes(30));
        assertThatThrownBy(() -> lock.acquire(KEY)).isInstanceOf(RunLock.HeldException.class)
                .hasMessageContaining("other-host pid 42");

        jdbc.update("UPDATE " + RunLock.TABLE + " SET ACQUIRED_AT = ?", Timestamp.valueOf(LocalDateTime.now().minusHours(3)));
        try (RunLock.Lease lease = lock.acquire(KEY)) {
            assertThat(owner()).isEqualTo(ExecutionOwner.self().format());
        }
    }

    @Test
    void releasingALeaseThatWasTakenOverLeavesTheNewHoldersRow() {
        RunLock.Lease old = lock.acquire(KEY);
        jdbc.update("UPDATE " + RunLock.TABLE + " SET OWNER = ?", "other-host/7/" + Instant.now());

        old.close();

        assertThat(owner()).startsWith("other-host/7/");
    }

    private void holdAs(ExecutionOwner owner, LocalDateTime since) {
        jdbc.update("INSERT INTO " + RunLock.TABLE + " (LOCK_KEY, OWNER, ACQUIRED_AT) VALUES (?, ?, ?)", KEY,
                owner.format(), Timestamp.valueOf(since));
    }

    private String owner() {
        return jdbc.queryForObject("SELECT OWNER FROM " + RunLock.TABLE + " WHERE LOCK_KEY = ?", String.class, KEY);
    }

    private long rows() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM " + RunLock.TABLE, Long.class);
    }
}
