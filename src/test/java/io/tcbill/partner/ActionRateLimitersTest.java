package io.tcbill.partner;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
            limiters.acquire("DescribeBillDownloadUrl").close();
            starts.add(now.get() - t0);
        }
        long interval = ActionRateLimiters.intervalNanos(20);
        assertThat(interval).isEqualTo(51_000_000L);
        assertThat(starts).containsExactly(0L, interval, 2 * interval, 3 * interval);
    }

    @Test
    void actionsAreLimitedIndependently() throws Exception {
        long t0 = now.get();
        limiters.acquire("DescribeBillSummaryByRegion").close();
        limiters.acquire("DescribeBillSummaryByProduct").close();
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
                limiters.acquire(action).close();
                starts.add(now.get());
            }
            int qps = (int) limiters.qps(action);
            assertThat(PartnerClientRateLimitIntegrationTest.maxInAnyWindow(starts, Duration.ofSeconds(1)))
                    .as(action).isEqualTo(qps);
        }
    }

    @Test
    void aLateWakeUpDoesNotSqueezeTheGapToTheNextRequest() throws Exception {
        // given a sleeper that oversleeps the first wait by 30 ms (a descheduled thread)
        long late = TimeUnit.MILLISECONDS.toNanos(30);
        AtomicLong sleeps = new AtomicLong();
        ActionRateLimiters oversleeping = new ActionRateLimiters(Map.of(), now::get,
                nanos -> now.addAndGet(nanos + (sleeps.getAndIncrement() == 0 ? late : 0)));
        List<Long> starts = new ArrayList<>();

        // when
        for (int i = 0; i < 3; i++) {
            oversleeping.acquire("DescribeBillSummaryByRegion").close();
            starts.add(now.get());
        }

        // then every gap is at least the full interval, measured from when the request really went
        long interval = ActionRateLimiters.intervalNanos(1);
        // (the answered-window wait of 1 s comes first and takes the oversleep; the spacing then adds nothing)
        assertThat(starts.get(1) - starts.get(0)).isEqualTo(TimeUnit.SECONDS.toNanos(1) + late).isGreaterThan(interval);
        assertThat(starts.get(2) - starts.get(1)).isEqualTo(interval);
    }

    @Test
    void waitersOfOneActionDoNotDelayAnotherAction() throws Exception {
        // given four threads queued on a 5/s action (the last one goes about 0.6 s from now), real clock
        ActionRateLimiters real = new ActionRateLimiters(Map.of("DescribeBillSummaryByRegion", 5.0));
        ExecutorService threads = Executors.newFixedThreadPool(4);
        CountDownLatch firstWent = new CountDownLatch(1);
        List<Future<?>> queued = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            queued.add(threads.submit(() -> {
                real.acquire("DescribeBillSummaryByRegion").close();
                firstWent.countDown();
                return null;
            }));
        }
        firstWent.await(5, TimeUnit.SECONDS);
        Thread.sleep(20); // the others are now waiting their turn

        // when another action asks for a permit
        long started = System.nanoTime();
        real.acquire("DescribeCustomerVoucherList").close();
        real.acquire("DescribeBillSummaryByProduct").close();
        long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

        // then it goes at once, while the summary queue is still busy
        assertThat(tookMillis).isLessThan(100);
        assertThat(queued.stream().filter(Future::isDone).count()).isLessThan(4);
        for (Future<?> f : queued) {
            f.get(5, TimeUnit.SECONDS);
        }
        threads.shutdown();
    }

    @Test
    void theFirstRequestOfABurstIsAnsweredBeforeTheNextGoes() throws Exception {
        // given the first request of an action takes 300 ms to be answered (cold client, new connection)
        long t0 = now.get();
        long interval = ActionRateLimiters.intervalNanos(20);
        long answer = TimeUnit.MILLISECONDS.toNanos(300);
        try (ActionRateLimiters.Permit first = limiters.acquire("DescribeCustomerVoucherList")) {
            now.addAndGet(answer);
        }

        // when two more follow, the second without waiting for its answer
        ActionRateLimiters.Permit second = limiters.acquire("DescribeCustomerVoucherList");
        long secondStart = now.get();
        limiters.acquire("DescribeCustomerVoucherList").close();
        long thirdStart = now.get();
        second.close();

        // then the second went one interval after the first was answered, the third one interval after the second
        assertThat(secondStart - t0).isEqualTo(answer + interval);
        assertThat(thirdStart - secondStart).isEqualTo(interval);

        // and after more than a second of quiet, the next request starts a new burst
        now.addAndGet(TimeUnit.SECONDS.toNanos(3));
        try (ActionRateLimiters.Permit probe = limiters.acquire("DescribeCustomerVoucherList")) {
            now.addAndGet(answer);
        }
        long probeAnswered = now.get();
        limiters.acquire("DescribeCustomerVoucherList").close();
        assertThat(now.get() - probeAnswered).isEqualTo(interval);
    }
}
