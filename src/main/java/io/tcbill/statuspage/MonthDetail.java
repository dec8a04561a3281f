package io.tcbill.statuspage;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.tcbill.statuspage.MonthRows.ChangeRow;
import io.tcbill.statuspage.MonthRows.ErrorRow;
import io.tcbill.statuspage.MonthRows.FileRow;
import io.tcbill.statuspage.MonthRows.ReconciliationRow;
import java.util.List;

/**
 * A month's page: the last run of each feed (from the run history), then from the analysts' DuckDB file the newest
 * load of each file per customer, what went wrong (with its customer), the reconciliation per customer and what
 * re-pulls changed. Times of the file's rows are UTC, as tcbill stores them.
 *
 * @param generatedAt when the page read them, ISO-8601 with the offset
 * @param snapshot null when the file was read; else why its rows are missing (not published yet, unreadable)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record MonthDetail(String generatedAt, String month, String reconciliation, List<GridCell> runs, List<FileRow> files, List<ErrorRow> errors,
                   List<ReconciliationRow> customers, List<ChangeRow> changes, String snapshot) {

    String title() {
        return "tcbill status · " + month;
    }

    String jsonPath() {
        return StatusPage.ROOT + "/api/months/" + month;
    }

    String reconciliationCss() {
        return new GridMonth(month, reconciliation, runs).reconciliationCss();
    }
}
