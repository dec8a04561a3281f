package io.tcbill.feed;

import java.time.YearMonth;
import java.util.List;
import java.util.Map;

/**
 * One feed as described by a {@code jobs/<name>.yml} descriptor.
 *
 * @param name          short name used on the command line and in object keys ({@code l2}, {@code l3}, {@code commission})
 * @param description   one line for humans
 * @param table         the DuckDB table the rows land in
 * @param mapping       classpath resource of the CSV header to column mapping
 * @param sources       how to ask for the file, by who asks: {@link SourceKind#OWN}, {@link SourceKind#CUSTOMER}, {@link SourceKind#PACK}
 * @param earliestMonth the first month the API serves this file for
 * @param schedules     when the scheduler pulls it (may be empty)
 */
public record Feed(String name, String description, String table, String mapping, Map<SourceKind, Source> sources,
                   YearMonth earliestMonth, List<Schedule> schedules) {

    /** Who the file is requested for. */
    public enum SourceKind { OWN, CUSTOMER, PACK }

    /** An API action and the {@code FileType} value it is called with. */
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
