package io.tcbill.load;

import io.tcbill.feed.Feed;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The outcome of one {@link LoadRequest}: one {@link FileResult} per raw file, in request order, and what the load
 * changed in each versioned table whose month it replaced ({@link Restatement}; none changed: empty).
 */
public record LoadReport(Feed feed, YearMonth month, List<FileResult> files, List<Restatement> restatements) {

    public LoadReport {
        files = List.copyOf(files);
        restatements = restatements.stream().filter(Restatement::changed).toList();
    }

    public LoadReport(Feed feed, YearMonth month, List<FileResult> files) {
        this(feed, month, files, List.of());
    }

    /** E.g. {@code restated: 2 customers changed in bill_l3, total +12.50 USD}; null when the load changed no earlier rows. */
    public String restated() {
        return restatements.isEmpty() ? null : "restated: " + restatements.stream().map(Restatement::toString)
                .collect(java.util.stream.Collectors.joining("; "));
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
