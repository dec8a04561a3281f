package io.tcbill.alert;

import io.tcbill.run.MetadataTables;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import javax.sql.DataSource;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The alerts fired, one row per event key in the metadata database (H2 or PostgreSQL), so an event is told once: a
 * second run, a restart or a second scheduler instance finds the row and sends nothing. Claiming is one INSERT (the
 * primary key decides between two processes); a resolved condition (the feed loads, the month reconciles) deletes its
 * row, so the next failure of that kind is news again. The row also says how the delivery went.
 */
final class FiredAlerts {

    static final String TABLE = "TCBILL_ALERT";
    static final String DDL = "CREATE TABLE IF NOT EXISTS " + TABLE + " (ALERT_KEY VARCHAR(300) NOT NULL PRIMARY KEY,"
            + " KIND VARCHAR(40) NOT NULL, TITLE VARCHAR(400) NOT NULL, FIRED_AT TIMESTAMP NOT NULL,"
            + " DELIVERY VARCHAR(20) NOT NULL)";

    /** How the delivery of a fired alert went. */
    enum Delivery { SENDING, DELIVERED, FAILED }

    private final JdbcTemplate jdbc;
    private final Clock clock;

    FiredAlerts(DataSource dataSource, Clock clock) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.clock = clock;
    }

    /** Creates the table if it does not exist yet (every process at start-up; two may race, both succeed). */
    void createTableIfMissing() {
        MetadataTables.createIfMissing(jdbc, DDL, TABLE);
    }

    /** True if this call recorded the alert (so it is to be sent), false if it had been fired before. */
    boolean claim(Alert alert) {
        try {
            jdbc.update("INSERT INTO " + TABLE + " (ALERT_KEY, KIND, TITLE, FIRED_AT, DELIVERY) VALUES (?, ?, ?, ?, ?)",
                    alert.key(), alert.kind().name(), alert.title(),
                    Timestamp.valueOf(LocalDateTime.now(clock).truncatedTo(ChronoUnit.MILLIS)), Delivery.SENDING.name());
            return true;
        } catch (DuplicateKeyException fired) {
            return false;
        }
    }

    void delivered(Alert alert, Delivery delivery) {
        jdbc.update("UPDATE " + TABLE + " SET DELIVERY = ? WHERE ALERT_KEY = ?", delivery.name(), alert.key());
    }

    /** Re-arms the event: the condition is over. True if it had fired. */
    boolean resolve(String key) {
        return jdbc.update("DELETE FROM " + TABLE + " WHERE ALERT_KEY = ?", key) > 0;
    }

    /** How a fired alert's delivery went, or null if it has not fired (tests, and operators reading the table). */
    Delivery delivery(String key) {
        return jdbc.query("SELECT DELIVERY FROM " + TABLE + " WHERE ALERT_KEY = ?",
                row -> row.next() ? Delivery.valueOf(row.getString(1)) : null, key);
    }
}
