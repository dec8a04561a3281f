package io.tcbill.load;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Tencent's cost-allocation tag columns: each tag key a customer enabled is a column of its bill files, from the month
 * it was enabled (docs/table-contract.md, "Tags"). A header {@code Tag:<key>} (or {@code 标签:<key>}, {@code 分账标签:<key>},
 * ASCII or full-width colon, any case) is such a column; the loader pivots a row's non-empty tag values into one JSON
 * object text, {@code {"<key>": "<value>", ...}}, built by DuckDB's {@code json_object} so every key and value is
 * escaped as JSON requires.
 */
final class TagColumns {

    /** The column the tag values are pivoted into; a table without it keeps tag columns in extra_columns. */
    static final String COLUMN = "tags";

    private static final Pattern HEADER = Pattern.compile("(?iu)^\\s*(?:tag|分账标签|标签)\\s*[:：]\\s*(.*?)\\s*$");

    private TagColumns() {
    }

    /** The tag key a header names, or null when the header is not a tag column (or names an empty key). */
    static String keyOf(String header) {
        Matcher matcher = HEADER.matcher(header);
        return matcher.matches() && !matcher.group(1).isEmpty() ? matcher.group(1) : null;
    }

    /**
     * A SQL expression of a row's tags: a JSON object of the file's tag columns whose trimmed value is not empty (a
     * merge patch drops the keys whose value is NULL), or NULL when the file has no tag column or the row no tag value.
     */
    static String json(FileLayout layout) {
        List<String> pairs = new ArrayList<>();
        for (int i = 0; i < layout.headers().size(); i++) {
            String key = layout.tagKeys().get(i);
            if (key != null) {
                pairs.add(Sql.literal(key));
                pairs.add(CsvStager.trimmed(Sql.identifier(layout.readerName(i))));
            }
        }
        return pairs.isEmpty() ? "CAST(NULL AS VARCHAR)"
                : "NULLIF(CAST(json_merge_patch('{}', json_object(" + String.join(", ", pairs) + ")) AS VARCHAR), '{}')";
    }
}
