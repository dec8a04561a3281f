package io.tcbill.load;

import io.tcbill.feed.Feed;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

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

    /** Per table: rows published (of the files that loaded) and rows rejected (of every file). */
    public Map<String, FileResult.TableRows> byTable() {
        Map<String, FileResult.TableRows> tables = new TreeMap<>();
        for (FileResult file : files) {
            file.tables().forEach((table, counts) -> tables.merge(table,
                    new FileResult.TableRows(file.loaded() ? counts.rows() : 0, counts.rejected()),
                    FileResult.TableRows::plus));
        }
        return tables;
    }
}
