package io.tcbill.run;

import io.tcbill.load.ReconciliationReport;
import java.time.YearMonth;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Where a month's reconciliation stands after a run of one of its sides (L3 details or the summaries) completed; the
 * reconcile step keeps it in its execution context, the runner hands it on in {@link FeedRun}.
 *
 * @param customers        customers compared (0 while {@link State#WAITING})
 * @param unreconciled     customers whose details and summaries disagree beyond the tolerance, or that have one side only
 * @param unreconciledInRun of those, the customers the run loaded (all of them when it ran the whole month)
 * @param problems         one line per unreconciled customer with its amounts, at most {@value #MAX_LINES}
 * @param l2Compared       whether the month's L2 was loaded and compared too
 */
public record Reconciliation(YearMonth month, State state, long customers, long unreconciled, long unreconciledInRun,
                             List<String> problems, boolean l2Compared) {

    /** RECONCILED or UNRECONCILED: compared just now; WAITING: the other side of the month is not loaded yet. */
    public enum State { RECONCILED, UNRECONCILED, WAITING }

    public static final int MAX_LINES = 50;

    public Reconciliation {
        problems = List.copyOf(problems);
    }

    /** A result of a month whose L2 was not compared. */
    public Reconciliation(YearMonth month, State state, long customers, long unreconciled, long unreconciledInRun,
                          List<String> problems) {
        this(month, state, customers, unreconciled, unreconciledInRun, problems, false);
    }

    /** Not compared: the other side of the month is not published yet (an earlier result is now STALE). */
    public static Reconciliation waiting(YearMonth month) {
        return new Reconciliation(month, State.WAITING, 0, 0, 0, List.of());
    }

    /** The result of comparing the month, for a run of {@code runCustomers} (empty: the whole month). */
    public static Reconciliation of(ReconciliationReport report, List<Long> runCustomers) {
        List<ReconciliationReport.Row> problems = report.problems();
        Set<Long> run = new HashSet<>(runCustomers);
        long inRun = run.isEmpty() ? problems.size() : problems.stream().filter(p -> run.contains(p.customerUin())).count();
        List<String> lines = problems.stream().limit(MAX_LINES).map(Reconciliation::line).toList();
        return new Reconciliation(report.month(), problems.isEmpty() ? State.RECONCILED : State.UNRECONCILED,
                report.rows().size(), problems.size(), inRun, lines, report.rows().stream().anyMatch(row -> row.l2() != null));
    }

    private static String line(ReconciliationReport.Row row) {
        String l3 = "customer " + row.customerUin() + ": " + row.status() + ", L3 total " + row.detailTotalCost().toPlainString()
                + " vs summary " + row.summaryTotalCost().toPlainString();
        ReconciliationReport.L2 l2 = row.l2();
        if ("L2_UNRECONCILED".equals(row.status()) && l2 != null) {
            return l3 + "; L2 total " + l2.totalCost().toPlainString() + " over " + l2.rows() + " rows (largest difference "
                    + l2.difference().toPlainString() + ", beyond the L2 tolerance " + l2.tolerance().toPlainString() + ")";
        }
        return l3 + " (largest difference " + row.maxDifference().toPlainString() + ")";
    }

    /**
     * Whether the run must end as a mismatch: the month does not reconcile for a customer the run loaded. A
     * {@code --customer} run is not failed for other customers' mismatches (it reports them).
     */
    public boolean failsRun() {
        return state == State.UNRECONCILED && unreconciledInRun > 0;
    }

    /** One line: the state, how many customers, and for a mismatch how many of them and what to do. */
    public String summary() {
        return switch (state) {
            case RECONCILED -> (l2Compared ? "L3 and L2 details match" : "L3 details match") + " the summary APIs for all "
                    + customers + " customers";
            case UNRECONCILED -> unreconciled + " of " + customers + " customers: the bill details and the summary APIs disagree";
            case WAITING -> "not reconciled yet: the month's L3 details or summaries are not loaded; it is reconciled"
                    + " when the other feed loads (an earlier result shows STALE until then)";
        };
    }
}
