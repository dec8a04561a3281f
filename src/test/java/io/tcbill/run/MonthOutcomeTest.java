package io.tcbill.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.tcbill.run.MonthOutcome.Verdict;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How a month's pull is classified for its callers (exit codes, a scheduled fire's failure). */
class MonthOutcomeTest {

    private static final YearMonth MONTH = YearMonth.of(2026, 10);

    @Test
    void everyFeedSucceededAndTheMonthReconciledIsOk() {
        MonthOutcome outcome = new MonthOutcome(MONTH, List.of(ok("l2", null), ok("l3", reconciliation(Reconciliation.State.RECONCILED, 0))), false);

        assertThat(outcome.verdict()).isEqualTo(Verdict.OK);
        assertThat(outcome.allSucceeded()).isTrue();
        assertThat(outcome.reconciliation().state()).isEqualTo(Reconciliation.State.RECONCILED);
    }

    @Test
    void aFailedFeedFailsTheMonthEvenWhenItReconciles() {
        MonthOutcome outcome = new MonthOutcome(MONTH, List.of(failed("l2"), ok("l3", reconciliation(Reconciliation.State.RECONCILED, 0))), false);

        assertThat(outcome.verdict()).isEqualTo(Verdict.FAILED);
        assertThat(outcome.allSucceeded()).isFalse();
    }

    @Test
    void aMismatchForACustomerThePullLoadedIsUnreconciledAndTheLastReconcilingRunCounts() {
        // given l3 found a mismatch, then summaries (run last) still finds one
        MonthOutcome mismatch = new MonthOutcome(MONTH, List.of(ok("l3", reconciliation(Reconciliation.State.WAITING, 0)),
                ok("summaries", reconciliation(Reconciliation.State.UNRECONCILED, 1))), false);
        // given l3 found a mismatch, then summaries fixed it
        MonthOutcome fixed = new MonthOutcome(MONTH, List.of(ok("l3", reconciliation(Reconciliation.State.UNRECONCILED, 1)),
                ok("summaries", reconciliation(Reconciliation.State.RECONCILED, 0))), false);

        assertThat(mismatch.verdict()).isEqualTo(Verdict.UNRECONCILED);
        assertThat(mismatch.reconciled()).isFalse();
        assertThat(fixed.verdict()).isEqualTo(Verdict.OK);
    }

    @Test
    void aMismatchOnlyOfCustomersTheRunDidNotLoadDoesNotFailIt() {
        MonthOutcome outcome = new MonthOutcome(MONTH, List.of(ok("l3", reconciliation(Reconciliation.State.UNRECONCILED, 0))), false);

        assertThat(outcome.verdict()).isEqualTo(Verdict.OK);
        assertThat(outcome.reconciliation().state()).isEqualTo(Reconciliation.State.UNRECONCILED);
    }

    @Test
    void aStoppedPullIsStoppedWhateverItsRunsSay() {
        MonthOutcome outcome = new MonthOutcome(MONTH, List.of(ok("l2", null)), true);

        assertThat(outcome.verdict()).isEqualTo(Verdict.STOPPED);
    }

    @Test
    void aFailedRunsReconciliationIsNotTheMonths() {
        FeedRun failedWithMismatch = new FeedRun("l3", MONTH, false, 9, 0, "boom", 0, reconciliation(Reconciliation.State.UNRECONCILED, 1));
        MonthOutcome outcome = new MonthOutcome(MONTH, List.of(failedWithMismatch), false);

        assertThat(outcome.reconciliation()).isNull();
        assertThat(outcome.verdict()).isEqualTo(Verdict.FAILED);
    }

    @Test
    void theOutcomeKeepsItsRunsAsTheyWere() {
        List<FeedRun> runs = new ArrayList<>(List.of(ok("l2", null)));
        MonthOutcome outcome = new MonthOutcome(MONTH, runs, false);
        runs.add(failed("l3"));

        assertThat(outcome.runs()).hasSize(1);
        assertThat(outcome.verdict()).isEqualTo(Verdict.OK);
    }

    private static FeedRun ok(String feed, Reconciliation reconciliation) {
        return new FeedRun(feed, MONTH, true, 1, 10, null, 0, reconciliation);
    }

    private static FeedRun failed(String feed) {
        return new FeedRun(feed, MONTH, false, 2, 0, "customers 200001 did not deliver their files", 0);
    }

    private static Reconciliation reconciliation(Reconciliation.State state, long unreconciledInRun) {
        long unreconciled = state == Reconciliation.State.UNRECONCILED ? Math.max(1, unreconciledInRun) : 0;
        return new Reconciliation(MONTH, state, state == Reconciliation.State.WAITING ? 0 : 3, unreconciled,
                unreconciledInRun, List.of());
    }
}
