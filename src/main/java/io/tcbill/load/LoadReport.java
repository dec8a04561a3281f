package io.tcbill.load;

import io.tcbill.feed.Feed;
import java.time.YearMonth;
import java.util.List;

/** The outcome of one {@link LoadRequest}: one {@link FileResult} per raw file, in request order. */
public record LoadReport(Feed feed, YearMonth month, List<FileResult> files) {

    public LoadReport {
        files = List.copyOf(files);
    }

    public boolean allLoaded() {
        return files.stream().allMatch(FileResult::loaded);
    }

    /** Rows published by this load. */
    public long rows() {
        return files.stream().filter(FileResult::loaded).mapToLong(FileResult::rows).sum();
    }
}
