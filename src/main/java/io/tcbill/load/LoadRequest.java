package io.tcbill.load;

import io.tcbill.feed.Feed;
import java.time.YearMonth;
import java.util.List;

/**
 * The raw files of one feed and billing month to load together and publish once.
 *
 * @param wholeMonth true: the request is meant to hold every customer of the month, so a customer with published rows
 *                   but no file in it is reported (its rows are kept: only a file of that customer replaces them);
 *                   false: a request for some customers. Either way only the customers of the files that loaded are
 *                   replaced
 */
public record LoadRequest(Feed feed, YearMonth month, List<RawInput> files, boolean wholeMonth) {

    public LoadRequest {
        files = List.copyOf(files);
    }
}
