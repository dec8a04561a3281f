package io.tcbill.alert;

import java.time.YearMonth;
import java.util.List;

/**
 * One event worth telling a person, built from tcbill's own outcome data only (feed, month, customers, states, counts,
 * amounts); every text is scrubbed of URLs' paths and queries by {@link AlertText} before it leaves the process.
 *
 * @param kind  what happened
 * @param key   what makes it the same event: an alert with a key already fired is not sent again
 * @param feed  the feed, or null for a month-wide event (reconciliation)
 * @param month the bill month, or null (a missed scheduler fire names its schedule instead)
 * @param title one line: kind, feed and month
 * @param lines the details, one fact per line
 */
record Alert(Kind kind, String key, String feed, YearMonth month, String title, List<String> lines) {

    /** What happened; the generic body carries the name. */
    enum Kind {
        /** A feed's run for a month ended FAILED. */
        FEED_FAILED,
        /** The month's L3 details and summaries disagree for a customer beyond the tolerance. */
        MONTH_UNRECONCILED,
        /** A feed has not loaded a month some time after the month became final. */
        MONTH_LATE,
        /** A re-pull changed rows published before. */
        MONTH_RESTATED,
        /** A scheduled fire was due while no scheduler ran; it ran late, when one started. */
        SCHEDULER_MISSED_FIRE
    }

    Alert {
        title = AlertText.scrub(title);
        lines = lines.stream().map(AlertText::scrub).limit(AlertText.MAX_LINES).toList();
    }

    /** Title and lines as one plain text. */
    String text() {
        return lines.isEmpty() ? title : title + "\n" + String.join("\n", lines);
    }
}
