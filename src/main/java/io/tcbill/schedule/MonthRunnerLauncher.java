package io.tcbill.schedule;

import io.tcbill.job.FeedRun;
import io.tcbill.job.MonthRunner;
import java.time.YearMonth;
import java.util.List;
import org.springframework.stereotype.Component;

/** Launches a scheduled pull through the same runner as {@code tcbill run}: every customer, resuming a failed attempt. */
@Component
class MonthRunnerLauncher implements FeedLauncher {

    private final MonthRunner runner;

    MonthRunnerLauncher(MonthRunner runner) {
        this.runner = runner;
    }

    @Override
    public FeedRun launch(YearMonth month, String feed) {
        return runner.run(month, feed, List.of());
    }
}
