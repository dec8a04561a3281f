package io.tcbill.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.tcbill.IntegrationTest;
import io.tcbill.PipelineTestSupport;
import io.tcbill.load.MonthLoader;
import io.tcbill.run.FeedRun;
import io.tcbill.run.MonthRunner;
import java.time.YearMonth;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A customer list that contradicts itself fails the whole-month run in its listing step, before any file is
 * requested, with one line naming the numbers; the month's customers and bills stay as they were.
 */
@IntegrationTest
class CustomerListJobTest extends PipelineTestSupport {

    @Autowired
    MonthRunner runner;

    @Autowired
    MonthLoader loader;

    @AfterEach
    void resetFaults() {
        SIMULATOR.faults().reset();
    }

    @Test
    void aListShorterThanItsTotalFailsTheFeedBeforeAnyFileIsRequested() {
        // given DescribeCustomerUin says Total 200 but its pages list one UIN
        YearMonth month = YearMonth.of(2025, 4);
        long requestsBefore = SIMULATOR.stats().requests("DescribeCustomerBillDownloadUrl");
        SIMULATOR.faults().customerList(1, 200);

        // when
        FeedRun run = runner.run(month, "l3", List.of());

        // then
        assertThat(run.succeeded()).isFalse();
        assertThat(run.reason()).contains("DescribeCustomerUin failed with InconsistentAnswer: Total is 200 but 2 page(s)"
                + " of PageSize 100 listed 1 distinct UIN(s) (" + SIMULATOR.data().customerUins().get(0) + ")")
                .doesNotContain("\n", "Exception", "\tat ");
        assertThat(SIMULATOR.stats().requests("DescribeCustomerBillDownloadUrl")).isEqualTo(requestsBefore);
        assertThat(loader.publishedCustomers(month)).isEmpty();
    }

    @Test
    void anEmptyListForAMonthThatListedCustomersFailsAndKeepsTheMonthsCustomers() {
        // given the month listed three customers before, and now the API lists none (Total 0, Data [])
        YearMonth month = YearMonth.of(2025, 5);
        List<Long> before = SIMULATOR.data().customerUins().subList(0, 3);
        loader.publishCustomers(month, before, "customers-earlier");
        SIMULATOR.faults().customerList(0, 0);

        // when
        FeedRun run = runner.run(month, "summaries", List.of());

        // then
        assertThat(run.succeeded()).isFalse();
        assertThat(run.reason()).startsWith("DescribeCustomerUin listed no customers but 3 were listed for " + month
                + " before;").doesNotContain("\n", "Exception");
        assertThat(loader.publishedCustomers(month)).containsExactlyElementsOf(before.stream().sorted().toList());
    }
}
