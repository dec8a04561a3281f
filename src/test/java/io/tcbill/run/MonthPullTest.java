package io.tcbill.run;

import io.tcbill.feed.Role;
import static org.assertj.core.api.Assertions.assertThat;

import io.tcbill.feed.FeedCatalog;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MonthPullTest {

    private final FeedCatalog catalog = FeedCatalog.load();

    @Test
    void theDefaultFeedsOfAMonthLeaveOutThoseWithoutBillsYetAndSaySo() {
        // given a reseller month before L2 (resource) bills exist, 2023-11
        List<String> skipped = new ArrayList<>();
        MonthPull.Listener listener = new MonthPull.Listener() {
            @Override
            public void feedSkipped(String feed, YearMonth month, YearMonth earliest) {
                skipped.add(feed + " " + month + " " + earliest);
            }
        };

        // when
        List<String> served = MonthPull.served(YearMonth.of(2023, 5), catalog.namesFor(Role.RESELLER), catalog, listener);

        // then
        assertThat(served).containsExactly("commission", "l3", "summaries", "vouchers");
        assertThat(skipped).containsExactly("l2 2023-05 2023-11");
        assertThat(MonthPull.served(YearMonth.of(2023, 11), catalog.namesFor(Role.RESELLER), catalog, MonthPull.Listener.NONE))
                .contains("l2");
    }
}
