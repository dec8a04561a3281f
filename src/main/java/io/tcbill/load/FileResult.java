package io.tcbill.load;

import java.util.List;

/**
 * What became of one raw file.
 *
 * @param loaded       true when its rows were published
 * @param rows         rows read into the table (published only when {@code loaded})
 * @param rejected     rows set aside into rejected_rows
 * @param extraColumns headers the mapping does not know, kept per row in {@code extra_columns}
 * @param error        why it was not published; null when loaded
 */
public record FileResult(RawInput input, String loadId, boolean loaded, long rows, long rejected,
                         List<String> extraColumns, String error) {
}
