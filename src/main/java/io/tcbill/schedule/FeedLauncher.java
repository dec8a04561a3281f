package io.tcbill.schedule;

import io.tcbill.job.FeedRun;
import java.time.YearMonth;

/** Runs one feed for one whole month; the seam between a Quartz fire and the monthly job. */
interface FeedLauncher {

    FeedRun launch(YearMonth month, String feed);
}
