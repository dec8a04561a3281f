package io.tcbill.run;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * One line of {@code status}: the last run of a month and feed, what it published and the month's reconciliation; or a
 * feed of the month that never ran ({@link #NOT_RUN}), with the command that runs it.
 *
 * @param execution the job execution id (null: never run)
 * @param attempt   the attempt number; a completed month pulled again is a new attempt, a resumed one is a new
 *                  execution of the same attempt
 * @param started   ISO-8601 with the offset, e.g. {@code 2026-12-07T14:35:34+08:00}
 * @param ended     the same; null while running
 * @param next      for a feed never run, the command that runs it
 * @param restated  what the run's load changed in rows published before ({@code restated: N customers changed in
 *                  <table>, total +X <currency>}), or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MonthStatus(String month, String feed, String scope, Long execution, Long attempt, String state,
                          String started, String ended, Long rows, Long rejectedRows, String reconciliation,
                          String reason, String next, List<String> rawKeys, String restated) {

    public MonthStatus(String month, String feed, String scope, Long execution, Long attempt, String state,
                       String started, String ended, Long rows, Long rejectedRows, String reconciliation,
                       String reason, String next, List<String> rawKeys) {
        this(month, feed, scope, execution, attempt, state, started, ended, rows, rejectedRows, reconciliation, reason,
                next, rawKeys, null);
    }

    /** The state of a feed the month has no run of. */
    public static final String NOT_RUN = "NOT RUN";

    private static final String FORMAT = "%-8s %-11s %-10s %-17s %10s %9s  %-32s %s";

    /** The table header; {@code execution/attempt} are the job execution id and the attempt it belongs to. */
    public static String header() {
        return String.format(FORMAT, "month", "feed", "state", "execution/attempt", "rows", "rejected", "reconciliation",
                "ended");
    }

    public String line() {
        if (execution == null) {
            return String.format(FORMAT, month, feed, state, "-", "-", "-", "-", "run: " + next).stripTrailing();
        }
        return String.format(FORMAT, month, feed, state, execution + "/" + attempt, rows,
                rejectedRows == null ? "-" : rejectedRows, reconciliation == null ? "-" : reconciliation,
                ended == null ? "(running since " + started + ")" : ended)
                + (scope.equals("all") ? "" : "  customers " + scope)
                + (restated == null ? "" : System.lineSeparator() + "         " + restated)
                + (reason == null ? "" : System.lineSeparator() + "         reason: " + reason);
    }
}
