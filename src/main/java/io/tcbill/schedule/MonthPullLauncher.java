package io.tcbill.schedule;

import io.tcbill.alert.Alerts;
import io.tcbill.run.MonthOutcome;
import io.tcbill.run.MonthPull;
import java.time.YearMonth;
import java.time.ZonedDateTime;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Launches a scheduled pull as {@code tcbill run} does, through {@link MonthPull}: every customer, resuming a failed
 * attempt (its outcome alerts as any run's does); a missed fire is an alert of its own.
 */
@Component
class MonthPullLauncher implements FeedLauncher {

    private final MonthPull pull;
    private final Alerts alerts;

    MonthPullLauncher(MonthPull pull, Alerts alerts) {
        this.pull = pull;
        this.alerts = alerts;
    }

    @Override
    public MonthOutcome launch(YearMonth month, String feed) {
        return pull.pull(month, List.of(feed), List.of(), MonthPull.Listener.NONE);
    }

    @Override
    public void missedFire(String schedule, String feed, ZonedDateTime due, ZonedDateTime ranAt, List<YearMonth> months) {
        alerts.missedFire(schedule, feed, due, ranAt, months);
    }
}
