package io.tcbill.partner;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The limiter on a fake clock: sleeping advances time, so every start time is exact. */
class ActionRateLimitersTest {

    private final AtomicLong now = new AtomicLong(TimeUnit.SECONDS.toNanos(1000));
    private final ActionRateLimiters limiters = new ActionRateLimiters(
            Map.of("describe-customer-uin", 10.0, "DescribeBillSummary", 2.0), now::get, now::addAndGet);

    @Test
    void documentedDefaultsAndRelaxedOverrides() {
        ActionRateLimiters defaults = new ActionRateLimiters(Map.of());
        assertThat(defaults.qps("DescribeCustomerBillDownloadUrl")).isEqualTo(20.0);
        assertThat(defaults.qps("DescribeCustomerUin")).isEqualTo(20.0);
        assertThat(defaults.qps("DescribeBillSummaryByPayMode")).isEqualTo(1.0);
        assertThat(defaults.qps("DescribeCustomerBillDetail")).isEqualTo(5.0);
        assertThat(defaults.qps("DescribeCustomerBillDetailByDay")).isEqualTo(20.0);
        assertThat(defaults.qps("QueryVoucherListByUin")).isEqualTo(5.0);
        assertThat(defaults.qps("SomethingNew")).isEqualTo(1.0);
        assertThat(limiters.qps("DescribeCustomerUin")).isEqualTo(10.0);
        assertThat(limiters.qps("DescribeBillSummary")).isEqualTo(2.0);
    }

    @Test
    void firstRequestGoesAtOnceAndABurstIsEvenlySpaced() throws Exception {
        long t0 = now.get();
        List<Long> starts = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            limiters.acquire("DescribeBillDownloadUrl");
            starts.add(now.get() - t0);
        }
        long interval = ActionRateLimiters.intervalNanos(20);
        assertThat(interval).isEqualTo(52_500_000L);
        assertThat(starts).containsExactly(0L, interval, 2 * interval, 3 * interval);
    }

    @Test
    void actionsAreLimitedIndependently() throws Exception {
        long t0 = now.get();
        limiters.acquire("DescribeBillSummaryByRegion");
        limiters.acquire("DescribeBillSummaryByProduct");
        assertThat(now.get()).isEqualTo(t0);
    }

    @Test
    void idleGapsThenBurstsNeverPutMoreThanQpsIntoOneSecond() throws Exception {
        Random random = new Random(42);
        for (String action : List.of("DescribeCustomerBillDownloadUrl", "DescribeBillDetail", "DescribeCustomerBillDetail")) {
            List<Long> starts = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                if (random.nextInt(25) == 0) {
                    now.addAndGet(TimeUnit.MILLISECONDS.toNanos(random.nextInt(1500)));
                }
                limiters.acquire(action);
                starts.add(now.get());
            }
            int qps = (int) limiters.qps(action);
            assertThat(PartnerClientRateLimitIntegrationTest.maxInAnyWindow(starts, Duration.ofSeconds(1)))
                    .as(action).isEqualTo(qps);
        }
    }
}
