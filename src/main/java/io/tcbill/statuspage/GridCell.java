package io.tcbill.statuspage;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.tcbill.run.MonthStatus;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Locale;

/**
 * The last run of one month and feed as the page shows it: {@code status}'s line plus the run's duration; a month and
 * feed with no run at all is {@link #NONE}.
 *
 * @param durationSeconds from start to end, or to now while it runs; null when never run
 * @param reason          why it failed or stopped, one line ({@link ShownText}), or the command that runs it
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record GridCell(String feed, String state, Long execution, Long attempt, String scope, Long rows, Long rejectedRows,
                String started, String ended, Long durationSeconds, String restated, String reason) {

    /** The state of a month and feed nothing ran for (and that {@code status} does not list). */
    static final String NONE = "-";

    static GridCell of(MonthStatus line, OffsetDateTime now) {
        Long seconds = null;
        if (line.started() != null) {
            OffsetDateTime end = line.ended() == null ? now : OffsetDateTime.parse(line.ended());
            seconds = Math.max(0, Duration.between(OffsetDateTime.parse(line.started()), end).toSeconds());
        }
        return new GridCell(line.feed(), line.state(), line.execution(), line.attempt(), line.scope(), line.rows(),
                line.rejectedRows(), line.started(), line.ended(), seconds, ShownText.of(line.restated()),
                ShownText.of(line.reason() != null ? line.reason() : line.next() == null ? null : "run: " + line.next()));
    }

    static GridCell none(String feed) {
        return new GridCell(feed, NONE, null, null, null, null, null, null, null, null, null, null);
    }

    /** The CSS class of the state: {@code failed}, {@code completed}, {@code not-run}, ... */
    String css() {
        return state.equals(NONE) ? "none" : state.toLowerCase(Locale.ROOT).replace(' ', '-');
    }

    boolean ran() {
        return execution != null;
    }

    /** {@code 1200 rows · 3 rejected} (rejected only when any); empty when never run. */
    String figures() {
        if (rows == null) {
            return "";
        }
        return rows + " rows" + (rejectedRows == null || rejectedRows == 0 ? "" : " · " + rejectedRows + " rejected");
    }

    /** {@code 4s}, {@code 2m 05s}, {@code 1h 02m}; empty when never run. */
    String duration() {
        if (durationSeconds == null) {
            return "";
        }
        long s = durationSeconds;
        return s < 60 ? s + "s" : s < 3600 ? String.format("%dm %02ds", s / 60, s % 60)
                : String.format("%dh %02dm", s / 3600, s % 3600 / 60);
    }

    /** The end time without the date's year and the seconds' offset noise: {@code 12-07 14:35}. */
    String endedShort() {
        String time = ended != null ? ended : started;
        return time == null ? "" : time.substring(5, 16).replace('T', ' ') + (ended == null ? " (running)" : "");
    }
}
