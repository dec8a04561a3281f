package io.tcbill.alert;

import io.tcbill.run.FeedRun;
import io.tcbill.run.Reconciliation;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Each event as an {@link Alert}: its key (what makes it the same event) and its words, from a run's outcome, a late
 * month or a missed fire. Only tcbill's own outcome data goes in; a failure reason is scrubbed by {@link AlertText}.
 */
final class AlertEvents {

    private AlertEvents() {
    }

    /** Fires once per feed and month until a run of it succeeds. */
    static String feedFailedKey(String feed, YearMonth month) {
        return "feed-failed/" + feed + "/" + month;
    }

    /** Fires once per month until it reconciles. */
    static String unreconciledKey(YearMonth month) {
        return "unreconciled/" + month;
    }

    static Alert feedFailed(FeedRun run) {
        List<String> lines = new ArrayList<>();
        lines.add("reason: " + (run.reason() == null ? "ended FAILED" : run.reason()));
        if (run.executionId() > 0) {
            lines.add("execution " + run.executionId() + ", " + run.rows() + " rows published");
        }
        lines.add("'tcbill run --month " + run.month() + " --feed " + run.feed() + "' resumes it (files already"
                + " archived are kept); 'tcbill status --month " + run.month() + "' shows it");
        return new Alert(Alert.Kind.FEED_FAILED, feedFailedKey(run.feed(), run.month()), run.feed(), run.month(),
                "feed " + run.feed() + " FAILED for " + run.month(), lines);
    }

    static Alert unreconciled(FeedRun run) {
        Reconciliation result = run.reconciliation();
        List<String> lines = new ArrayList<>();
        lines.add(result.summary());
        lines.addAll(result.problems());
        if (result.unreconciled() > result.problems().size()) {
            lines.add("and " + (result.unreconciled() - result.problems().size()) + " more customers");
        }
        lines.add("found by the " + run.feed() + " run (execution " + run.executionId() + "); pull l3 and summaries of "
                + run.month() + " again once the data is corrected");
        return new Alert(Alert.Kind.MONTH_UNRECONCILED, unreconciledKey(run.month()), null, run.month(),
                run.month() + " UNRECONCILED: " + result.unreconciled() + " of " + result.customers() + " customers", lines);
    }

    /** Each run that changed published rows is its own event (a later re-pull that changes the month again is news). */
    static Alert restated(FeedRun run) {
        return new Alert(Alert.Kind.MONTH_RESTATED, "restated/" + run.feed() + "/" + run.month() + "/" + run.executionId(),
                run.feed(), run.month(), "feed " + run.feed() + " RESTATED " + run.month(),
                List.of(run.restated(), "by execution " + run.executionId() + ", " + run.rows() + " rows published now;"
                        + " 'tcbill status --month " + run.month() + "' and the bill_changes view show what changed"));
    }

    static Alert late(String feed, YearMonth month, LocalDateTime finalAt, Duration lateAfter) {
        return new Alert(Alert.Kind.MONTH_LATE, "late/" + feed + "/" + month, feed, month,
                "feed " + feed + " LATE for " + month + ": not loaded " + Durations.words(lateAfter) + " after the month"
                        + " became final",
                List.of("the month became final at " + finalAt + " (UTC+8); no run of " + feed + " has completed it",
                        "'tcbill run --month " + month + " --feed " + feed + "' loads it; 'tcbill status --month "
                                + month + "' shows its runs"));
    }

    static Alert missedFire(String schedule, String feed, ZonedDateTime due, ZonedDateTime ranAt, List<YearMonth> months) {
        return new Alert(Alert.Kind.SCHEDULER_MISSED_FIRE, "missed-fire/" + schedule + "/" + due.toInstant(), feed, null,
                "schedule " + schedule + " MISSED its fire due at " + due + ": no scheduler was running",
                List.of("it runs now, late (" + ranAt + "), for feed " + feed + ", months " + months,
                        "check why 'tcbill schedule' was not running (host, container restarts, the metadata database)"));
    }

    /** A duration as an operator writes it: 3 days, 12 hours, 90 minutes. */
    static final class Durations {

        private Durations() {
        }

        static String words(Duration d) {
            if (d.toMinutes() % (24 * 60) == 0 && !d.isZero()) {
                return d.toDays() + (d.toDays() == 1 ? " day" : " days");
            }
            if (d.toMinutes() % 60 == 0 && !d.isZero()) {
                return d.toHours() + (d.toHours() == 1 ? " hour" : " hours");
            }
            return d.toMinutes() + " minutes";
        }
    }
}
