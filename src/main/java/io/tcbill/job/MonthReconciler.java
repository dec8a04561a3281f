package io.tcbill.job;

import io.tcbill.feed.Role;
import io.tcbill.load.Reconciler;
import io.tcbill.load.ReconciliationReport;
import io.tcbill.partner.ApiProperties;
import io.tcbill.run.Reconciliation;
import java.time.YearMonth;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Reconciles a published month with the configured tolerances (L3 detail totals, and L2's when loaded, against the
 * summary APIs) for the runs of a reseller's {@code l3}, {@code l2} and {@code summaries}: a load of any marks the
 * earlier result stale, and each that completes compares the month once L3 and the summaries are both published.
 */
@Component
public class MonthReconciler {

    /** The feeds whose loads change what a month's reconciliation compares. */
    static final Set<String> SIDES = Set.of("l3", "l2", "summaries");
    /** The table the month's result is published in. */
    static final String RESULT = "reconciliation";

    private static final Logger log = LoggerFactory.getLogger(MonthReconciler.class);

    private final Reconciler reconciler;
    private final JobProperties properties;
    private final ApiProperties api;

    MonthReconciler(Reconciler reconciler, JobProperties properties, ApiProperties api) {
        this.reconciler = reconciler;
        this.properties = properties;
        this.api = api;
    }

    public ReconciliationReport reconcile(YearMonth month) {
        return reconciler.reconcile(month, properties.reconcileTolerance(), properties.reconcileL2RowTolerance());
    }

    /** Whether runs of the feed reconcile: l3, l2 and summaries of a reseller (a customer account has no summaries). */
    boolean applies(String feed) {
        return api.role() == Role.RESELLER && SIDES.contains(feed);
    }

    /** A load of the feed published rows of the month: its earlier reconciliation no longer describes the data. */
    void published(String feed, YearMonth month) {
        if (applies(feed) && reconciler.markStale(month)) {
            log.info("{} {}: the month's reconciliation is STALE until it is reconciled again", feed, month);
        }
    }

    /** Compares the month when both sides are published; otherwise it waits for the other side. */
    Reconciliation reconcile(YearMonth month, List<Long> runCustomers) {
        if (!reconciler.bothSidesPublished(month)) {
            return Reconciliation.waiting(month);
        }
        return Reconciliation.of(reconcile(month), runCustomers);
    }
}
