package io.tcbill.load;

import io.tcbill.feed.Feed;
import java.time.YearMonth;
import java.util.List;

/**
 * The raw files of one feed and billing month to load together and publish once.
 *
 * @param wholeMonth true: when every file loads, the month's rows of customers not in this request are removed too;
 *                   false: only the customers of the files that loaded are replaced
 */
public record LoadRequest(Feed feed, YearMonth month, List<RawInput> files, boolean wholeMonth) {

    public LoadRequest {
        files = List.copyOf(files);
    }
}
