package io.tcbill.schedule;

import io.tcbill.run.MonthOutcome;
import io.tcbill.run.MonthPull;
import java.time.YearMonth;
import java.util.List;
import org.springframework.stereotype.Component;

/** Launches a scheduled pull as {@code tcbill run} does, through {@link MonthPull}: every customer, resuming a failed attempt. */
@Component
class MonthPullLauncher implements FeedLauncher {

    private final MonthPull pull;

    MonthPullLauncher(MonthPull pull) {
        this.pull = pull;
    }

    @Override
    public MonthOutcome launch(YearMonth month, String feed) {
        return pull.pull(month, List.of(feed), List.of(), MonthPull.Listener.NONE);
    }
}
