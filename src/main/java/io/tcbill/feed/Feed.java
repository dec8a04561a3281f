package io.tcbill.feed;

import java.time.YearMonth;
import java.util.List;
import java.util.Map;

/**
 * One feed as described by a {@code jobs/<name>.yml} descriptor.
 *
 * @param name          short name used on the command line and in object keys ({@code l2}, {@code l3}, {@code commission})
 * @param description   one line for humans
 * @param format        {@link Format#CSV}: a bill file from a download link; {@link Format#JSON}: JSON API answers
 *                      kept as NDJSON in the raw zone
 * @param table         the DuckDB table the rows land in (for JSON feeds the first of {@code tables})
 * @param tables        every table the feed fills (a CSV feed fills one)
 * @param mapping       classpath resource of the CSV header to column mapping (null for JSON feeds)
 * @param packCustomerColumn the column that names the customer of each row in a reseller pack (ZIP of all customers)
 * @param customerColumn the column that names each row's customer in the feed's own file when that one file covers
 *                      every customer (the partner-wide commission file); null: the own file is the caller's own bill
 * @param sources       how to ask for the file, by who asks: {@link SourceKind#OWN}, {@link SourceKind#CUSTOMER}, {@link SourceKind#PACK}
 * @param earliestMonth the first month the API serves this file for
 * @param schedules     when the scheduler pulls it (may be empty)
 */
public record Feed(String name, String description, Format format, String table, List<String> tables, String mapping,
                   String packCustomerColumn, String customerColumn, Map<SourceKind, Source> sources, YearMonth earliestMonth,
                   List<Schedule> schedules) {

    /** How the feed's raw data arrives. */
    public enum Format { CSV, JSON }

    /** Who the file is requested for. */
    public enum SourceKind { OWN, CUSTOMER, PACK }

    /** An API action and the {@code FileType} value it is called with (null for JSON actions). */
    public record Source(String action, String fileType) {
    }

    /**
     * A trigger: a Quartz cron expression in a time zone, and which months it pulls, counted back from the month the
     * trigger fires in (1 = the previous month).
     */
    public record Schedule(String name, String cron, String timeZone, List<Integer> monthsBack) {
    }

    public Source source(SourceKind kind) {
        Source source = sources.get(kind);
        if (source == null) {
            throw new IllegalArgumentException("feed " + name + " has no " + kind.name().toLowerCase() + " source");
        }
        return source;
    }

    public boolean has(SourceKind kind) {
        return sources.containsKey(kind);
    }
}
