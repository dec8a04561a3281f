package io.tcbill.run;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.List;

/** One line of {@code status}: the last run of a month and feed, what it published, and the month's reconciliation. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MonthStatus(String month, String feed, String scope, long execution, long attempt, String state,
                   LocalDateTime started, LocalDateTime ended, long rows, Long rejectedRows, String reconciliation,
                   String reason, List<String> rawKeys) {

    public static String header() {
        return String.format("%-8s %-11s %-10s %-9s %10s %9s  %-32s %s", "month", "feed", "state", "execution", "rows",
                "rejected", "reconciliation", "ended");
    }

    public String line() {
        return String.format("%-8s %-11s %-10s %-9s %10d %9s  %-32s %s", month, feed, state, execution + "/" + attempt,
                rows, rejectedRows == null ? "-" : rejectedRows, reconciliation == null ? "-" : reconciliation,
                ended == null ? "(running since " + started + ")" : ended.withNano(0))
                + (scope.equals("all") ? "" : "  customers " + scope)
                + (reason == null ? "" : System.lineSeparator() + "         reason: " + reason);
    }

    static YearMonth parse(String month) {
        return YearMonth.parse(month);
    }
}
