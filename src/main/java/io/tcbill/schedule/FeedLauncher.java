package io.tcbill.schedule;

import io.tcbill.run.MonthOutcome;
import java.time.YearMonth;

/** Pulls one feed for one whole month; the seam between a Quartz fire and the month's use case. */
interface FeedLauncher {

    MonthOutcome launch(YearMonth month, String feed);
}
