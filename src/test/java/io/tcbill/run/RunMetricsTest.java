package io.tcbill.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.YearMonth;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunMetricsTest {

    private static final YearMonth SEPTEMBER = YearMonth.of(2026, 9);
    private static final YearMonth OCTOBER = YearMonth.of(2026, 10);

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final RunMetrics metrics = new RunMetrics(registry);

    @Test
    void aMismatchIsCountedAndItsCustomersStayInTheGaugeUntilTheirMonthReconciles() {
        // given September does not reconcile for two customers
        metrics.reconciled("summaries", result(SEPTEMBER, Reconciliation.State.UNRECONCILED, 2));

        // when October reconciles and September waits for its other side
        metrics.reconciled("l3", result(OCTOBER, Reconciliation.State.RECONCILED, 0));
        metrics.reconciled("l3", Reconciliation.waiting(SEPTEMBER));

        // then one mismatch was counted and September's two customers are still unreconciled
        assertThat(registry.get("tcbill.reconciliation.mismatches").tag("feed", "summaries").counter().count()).isEqualTo(1);
        assertThat(registry.get("tcbill.reconciliation.mismatches").tag("feed", "l3").counter().count()).isZero();
        assertThat(unreconciled()).isEqualTo(2);

        // when September reconciles
        metrics.reconciled("l3", result(SEPTEMBER, Reconciliation.State.RECONCILED, 0));

        // then
        assertThat(unreconciled()).isZero();
    }

    private double unreconciled() {
        return registry.get("tcbill.reconciliation.unreconciled").gauge().value();
    }

    private static Reconciliation result(YearMonth month, Reconciliation.State state, long unreconciled) {
        return new Reconciliation(month, state, 5, unreconciled, unreconciled, List.of());
    }
}
