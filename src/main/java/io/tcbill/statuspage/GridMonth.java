package io.tcbill.statuspage;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * One row of the grid: a month, its reconciliation as {@code status} words it ({@code UNRECONCILED (1 of 3
 * customers)}, null when never compared) and one cell per feed column.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record GridMonth(String month, String reconciliation, List<GridCell> feeds) {

    /** The reconciliation's first word, as a CSS class: {@code reconciled}, {@code unreconciled}, {@code stale}. */
    String reconciliationCss() {
        return reconciliation == null ? "none" : reconciliation.split(" ", 2)[0].toLowerCase(java.util.Locale.ROOT);
    }

    boolean restated() {
        return feeds.stream().anyMatch(cell -> cell.restated() != null);
    }
}
