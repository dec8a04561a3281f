package io.tcbill.job;

import io.tcbill.load.ReconciliationReport;
import io.tcbill.load.Reconciler;
import java.time.YearMonth;
import org.springframework.stereotype.Component;

/** Reconciles a published month with the configured tolerance (L3 detail totals against the summary APIs). */
@Component
public class MonthReconciler {

    private final Reconciler reconciler;
    private final JobProperties properties;

    MonthReconciler(Reconciler reconciler, JobProperties properties) {
        this.reconciler = reconciler;
        this.properties = properties;
    }

    public ReconciliationReport reconcile(YearMonth month) {
        return reconciler.reconcile(month, properties.reconcileTolerance());
    }
}
