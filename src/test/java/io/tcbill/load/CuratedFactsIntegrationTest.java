package io.tcbill.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.tcbill.IntegrationTest;
import io.tcbill.load.DuckDbProperties;
import io.tcbill.load.MonthLoader;
import io.tcbill.load.Reconciler;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code status} reads from the curated Parquet files, written by the real loader and reconciler. */
@IntegrationTest
class CuratedFactsIntegrationTest {

    private static final YearMonth APRIL = YearMonth.of(2024, 4);
    private static final YearMonth MAY = YearMonth.of(2024, 5);

    @TempDir
    Path dir;

    @Test
    void statusShowsStaleForAMonthLoadedAgainSinceItWasReconciled() {
        // given two reconciled months
        DuckDbProperties properties = DuckDbProperties.at(dir.resolve("tcbill.duckdb"));
        MonthLoader loader = new MonthLoader(properties);
        Reconciler reconciler = new Reconciler(properties);
        loader.publishCustomers(APRIL, List.of(800000000001L), "c-apr");
        loader.publishCustomers(MAY, List.of(800000000001L, 800000000002L), "c-may");
        reconciler.reconcile(APRIL, BigDecimal.ZERO);
        reconciler.reconcile(MAY, BigDecimal.ZERO);

        // when one side of May is loaded again (and not reconciled yet)
        reconciler.markStale(MAY);

        // then
        CuratedFacts facts = CuratedFacts.read(properties.curatedDir());
        assertThat(facts.reconciliation.get(MAY)).isEqualTo("STALE (2 customers)");
        assertThat(facts.reconciliation.get(APRIL)).isEqualTo("RECONCILED (1 customers)");
    }
}
