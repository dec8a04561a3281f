package io.tcbill.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RateLimitWindowTest {

    @Test
    void windowSlidesSoACallerThatWaitsGetsThrough() {
        RateLimitWindow window = new RateLimitWindow(2);

        assertThat(window.tryAcquire(0).allowed()).isTrue();
        assertThat(window.tryAcquire(400_000_000L).allowed()).isTrue();
        assertThat(window.tryAcquire(900_000_000L)).isEqualTo(new RateLimitWindow.Admission(false, 3));
        assertThat(window.tryAcquire(1_000_000_000L)).isEqualTo(new RateLimitWindow.Admission(true, 3));
        assertThat(window.tryAcquire(1_100_000_000L).allowed()).isFalse();
    }
}
