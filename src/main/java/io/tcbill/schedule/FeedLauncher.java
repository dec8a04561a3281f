package io.tcbill.schedule;

import io.tcbill.run.MonthOutcome;
import java.time.YearMonth;
import java.time.ZonedDateTime;
import java.util.List;

/** Pulls one feed for one whole month; the seam between a Quartz fire and the month's use case. */
interface FeedLauncher {

    MonthOutcome launch(YearMonth month, String feed);

    /** A fire of {@code schedule} due at {@code due} was missed while no scheduler ran; it runs now, at {@code ranAt}. */
    default void missedFire(String schedule, String feed, ZonedDateTime due, ZonedDateTime ranAt, List<YearMonth> months) {
    }
}
