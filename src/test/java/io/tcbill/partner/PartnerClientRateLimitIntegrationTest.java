package io.tcbill.partner;

import static org.assertj.core.api.Assertions.assertThat;

import io.tcbill.IntegrationTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Many threads calling a 20/s action: the server must never see more than 20 requests within one second. */
@IntegrationTest
class PartnerClientRateLimitIntegrationTest {

    @Test
    void twentyPerSecondActionNeverExceedsTwentyInAnySlidingSecond() throws Exception {
        try (FakePartnerServer server = new FakePartnerServer()) {
            // given
            PartnerClient client = new PartnerClient(ApiProperties.of(server.endpoint(), FakePartnerServer.SECRET_ID,
                    FakePartnerServer.SECRET_KEY));
            for (int i = 0; i < 30; i++) {
                server.script("DescribeCustomerUin", FakePartnerServer.ok("\"Total\":\"0\",\"Data\":[]"));
            }
            ExecutorService threads = Executors.newFixedThreadPool(6);
            List<Future<CustomerUinPage>> calls = new ArrayList<>();

            // when: 30 calls at once from 6 threads
            for (int i = 0; i < 30; i++) {
                calls.add(threads.submit(() -> client.describeCustomerUin(1, 100)));
            }
            for (Future<CustomerUinPage> call : calls) {
                call.get(20, TimeUnit.SECONDS);
            }
            threads.shutdown();

            // then
            List<Long> arrivals = server.received().stream().map(FakePartnerServer.Received::arrivalNanos).sorted().toList();
            assertThat(arrivals).hasSize(30);
            assertThat(maxInAnyWindow(arrivals, Duration.ofSeconds(1))).isBetween(15, 20);
        }
    }

    /** The most arrivals in any half-open window [t, t + window) starting at an arrival. */
    static int maxInAnyWindow(List<Long> sortedNanos, Duration window) {
        int max = 0;
        int end = 0;
        for (int start = 0; start < sortedNanos.size(); start++) {
            while (end < sortedNanos.size() && sortedNanos.get(end) - sortedNanos.get(start) < window.toNanos()) {
                end++;
            }
            max = Math.max(max, end - start);
        }
        return max;
    }
}
