package io.tcbill.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tcbill.feed.FeedCatalog;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.YearMonth;
import java.util.List;
import org.junit.jupiter.api.Test;

class FeedArgumentsTest {

    private final FeedCatalog catalog = FeedCatalog.load();

    @Test
    void theDefaultFeedsOfAMonthLeaveOutThoseWithoutBillsYetAndSaySo() {
        // given a reseller month before L2 (resource) bills exist, 2023-11
        StringWriter err = new StringWriter();

        // when
        List<String> served = FeedArguments.servedIn(YearMonth.of(2023, 5), catalog.namesFor("reseller"), catalog,
                new PrintWriter(err, true));

        // then
        assertThat(served).containsExactly("commission", "l3", "summaries", "vouchers");
        assertThat(err.toString()).contains("l2 is skipped for 2023-05: the Partner API has l2 bills from 2023-11 on");
        assertThat(FeedArguments.servedIn(YearMonth.of(2023, 11), catalog.namesFor("reseller"), catalog,
                new PrintWriter(new StringWriter()))).contains("l2");
    }

    @Test
    void theResellerRoleServesEveryFeedAndCustomer() {
        assertThat(FeedArguments.roleProblem(catalog.names(), List.of(1L), "reseller", catalog)).isNull();
        assertThat(FeedArguments.roleProblem(List.of("l2", "l3", "commission"), List.of(), "customer", catalog)).isNull();
    }
}
