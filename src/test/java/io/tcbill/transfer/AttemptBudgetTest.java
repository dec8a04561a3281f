package io.tcbill.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class AttemptBudgetTest {

    @Test
    void failuresWithoutProgressEndAfterMaxAttemptsWithGrowingWaits() {
        AttemptBudget budget = new AttemptBudget(3, Duration.ofMillis(100));

        assertThat(budget.fail(AttemptBudget.Cost.FULL)).isEqualTo(Duration.ofMillis(100));
        assertThat(budget.fail(AttemptBudget.Cost.FULL)).isEqualTo(Duration.ofMillis(200));
        assertThat(budget.fail(AttemptBudget.Cost.FULL)).isNull();
        assertThat(budget.failures()).isEqualTo(3);
    }

    @Test
    void failuresAfterProgressCostHalfAndAnExpiryAfterDeliveryNothing() {
        AttemptBudget budget = new AttemptBudget(2, Duration.ofMillis(10));

        assertThat(budget.fail(AttemptBudget.Cost.HALF)).isNotNull();
        assertThat(budget.fail(AttemptBudget.Cost.NONE)).isEqualTo(Duration.ZERO);
        assertThat(budget.fail(AttemptBudget.Cost.HALF)).isNotNull();
        assertThat(budget.fail(AttemptBudget.Cost.HALF)).isNull();
    }

    @Test
    void oneAttemptMeansNoRetryWhatever() {
        assertThat(new AttemptBudget(1, Duration.ofMillis(10)).fail(AttemptBudget.Cost.HALF)).isNull();
    }

    @Test
    void waitsAreCappedAtAMinute() {
        AttemptBudget budget = new AttemptBudget(20, Duration.ofSeconds(10));
        Duration last = null;
        for (int i = 0; i < 10; i++) {
            last = budget.fail(AttemptBudget.Cost.FULL);
        }
        assertThat(last).isEqualTo(Duration.ofMinutes(1));
    }
}
