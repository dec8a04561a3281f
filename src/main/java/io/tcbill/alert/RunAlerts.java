package io.tcbill.alert;

import io.tcbill.run.FeedRun;
import io.tcbill.run.FeedRunListener;
import io.tcbill.run.Reconciliation;
import org.springframework.stereotype.Component;

/**
 * Turns each feed run's outcome into the events it carries, whichever command ran it: a FAILED run, a month the run
 * found unreconciled, rows a re-pull restated. A run that succeeds re-arms its feed's failure alert, a month that
 * reconciles its mismatch alert. A run a shutdown stopped, or refused because it runs elsewhere, tells nothing.
 */
@Component
class RunAlerts implements FeedRunListener {

    private final Alerts alerts;

    RunAlerts(Alerts alerts) {
        this.alerts = alerts;
    }

    @Override
    public void feedEnded(FeedRun run) {
        if (run.stopped() || run.refused()) {
            return;
        }
        if (!run.succeeded()) {
            alerts.fire(AlertEvents.feedFailed(run));
        } else {
            alerts.resolve(AlertEvents.feedFailedKey(run.feed(), run.month()));
        }
        Reconciliation reconciliation = run.succeeded() ? run.reconciliation() : null;
        if (reconciliation != null && reconciliation.state() == Reconciliation.State.UNRECONCILED) {
            alerts.fire(AlertEvents.unreconciled(run));
        } else if (reconciliation != null && reconciliation.state() == Reconciliation.State.RECONCILED) {
            alerts.resolve(AlertEvents.unreconciledKey(run.month()));
        }
        if (run.restated() != null) {
            alerts.fire(AlertEvents.restated(run));
        }
    }
}
