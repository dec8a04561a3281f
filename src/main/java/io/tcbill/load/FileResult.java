package io.tcbill.load;

import java.util.List;
import java.util.Map;

/**
 * What became of one raw file.
 *
 * @param loaded       true when its rows were published
 * @param rows         rows read into the table (published only when {@code loaded})
 * @param rejected     rows set aside into rejected_rows
 * @param extraColumns headers the mapping does not know, kept per row in {@code extra_columns}
 * @param error        why it was not published; null when loaded
 * @param tables       rows read and rejected per table (a JSON file fills several tables)
 */
public record FileResult(RawInput input, String loadId, boolean loaded, long rows, long rejected,
                         List<String> extraColumns, String error, Map<String, TableRows> tables) {

    public FileResult {
        tables = Map.copyOf(tables);
    }

    /** Rows of one table read from a file, and rows set aside into rejected_rows. */
    public record TableRows(long rows, long rejected) {

        TableRows plus(TableRows other) {
            return new TableRows(rows + other.rows, rejected + other.rejected);
        }
    }
}
