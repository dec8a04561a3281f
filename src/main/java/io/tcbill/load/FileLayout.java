package io.tcbill.load;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;

/**
 * The header of one raw file, position by position: the column each header fills, or null for a header the mapping
 * does not know (kept in {@code extra_columns}) or a cost-allocation tag column (pivoted into {@code tags}).
 *
 * @param required the columns whose every row must hold a value (the mapping's required columns)
 * @param tagKeys  position by position, the tag key of a tag column ({@link TagColumns}), else null
 */
record FileLayout(List<String> headers, List<String> targets, Set<String> required, List<String> tagKeys) {

    FileLayout {
        headers = List.copyOf(headers);
        targets = Collections.unmodifiableList(new ArrayList<>(targets));
        required = Set.copyOf(required);
        tagKeys = Collections.unmodifiableList(new ArrayList<>(tagKeys));
        if (tagKeys.size() != headers.size()) {
            throw new IllegalArgumentException("one tag key (or null) per header expected");
        }
    }

    /** A layout without tag columns. */
    FileLayout(List<String> headers, List<String> targets, Set<String> required) {
        this(headers, targets, required, Collections.nCopies(headers.size(), null));
    }

    /** The file's own header of {@code column}'s position, or null when the file lacks it. */
    String header(String column) {
        int i = targets.indexOf(column);
        return i < 0 ? null : headers.get(i);
    }

    /** The headers neither mapped nor tag columns: kept in {@code extra_columns}. */
    List<String> extraHeaders() {
        List<String> extras = new ArrayList<>();
        for (int i = 0; i < headers.size(); i++) {
            if (isExtra(i)) {
                extras.add(headers.get(i));
            }
        }
        return List.copyOf(extras);
    }

    boolean isExtra(int i) {
        return targets.get(i) == null && tagKeys.get(i) == null;
    }

    /** The name the CSV reader gives position {@code i}: the target column, or {@code _extra_<i>}. */
    String readerName(int i) {
        return targets.get(i) != null ? targets.get(i) : "_extra_" + i;
    }

    boolean fills(String column) {
        return targets.contains(column);
    }
}
