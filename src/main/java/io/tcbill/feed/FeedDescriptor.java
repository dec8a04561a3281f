package io.tcbill.feed;

import java.io.InputStream;
import java.text.ParseException;
import java.time.DateTimeException;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.quartz.CronExpression;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;

/** One {@code jobs/*.yml} feed descriptor read into a {@link Feed}: its YAML, its keys, and its schedules checked. */
final class FeedDescriptor {

    private FeedDescriptor() {
    }

    /** A cron Quartz accepts and a region id (what the scheduler would otherwise refuse only when it starts). */
    static void validate(Feed.Schedule schedule, String origin) {
        try {
            CronExpression.validateExpression(schedule.cron());
        } catch (ParseException e) {
            throw new IllegalStateException(origin + ": schedule " + schedule.name() + " has an invalid cron '"
                    + schedule.cron() + "': " + e.getMessage() + " (Quartz syntax: seconds minutes hours day-of-month"
                    + " month day-of-week, e.g. \"0 0 1 5 * ?\")");
        }
        for (Object back : schedule.monthsBack()) {
            if (!(back instanceof Integer months) || months < 0) {
                throw new IllegalStateException(origin + ": schedule " + schedule.name() + " has months-back "
                        + schedule.monthsBack() + "; list whole months 0 or more before the fire (1 = the previous month)");
            }
        }
        try {
            ZoneId.of(schedule.timeZone());
        } catch (DateTimeException e) {
            throw new IllegalStateException(origin + ": schedule " + schedule.name() + " has an unknown time zone '"
                    + schedule.timeZone() + "' (use a region id such as Asia/Singapore)");
        }
    }

    static String position(Mark mark) {
        return mark == null ? "an unknown position" : "line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1);
    }

    static String oneLine(String message) {
        return String.valueOf(message).replaceAll("\\s*\\R\\s*", " ").trim();
    }

    static Map<String, Object> read(InputStream in, String origin) {
        Object doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
        if (doc == null) {
            throw new IllegalStateException("feed descriptor " + origin + " is empty");
        }
        if (!(doc instanceof Map<?, ?> map)) {
            throw new IllegalStateException("feed descriptor " + origin + " is not a mapping of keys (feed:, table:,"
                    + " schedule: ...) but a " + doc.getClass().getSimpleName());
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> keys = (Map<String, Object>) map;
        return keys;
    }

    static List<Role> roles(Map<String, Object> doc, String origin) {
        Object listed = doc.get("roles");
        if (listed == null) {
            return List.of(Role.values());
        }
        if (!(listed instanceof List<?> roles) || roles.isEmpty()) {
            throw new IllegalStateException("feed descriptor " + origin + ": roles must list " + Role.allowed()
                    + " or both, e.g. roles: [reseller]");
        }
        try {
            return roles.stream().map(role -> Role.of(String.valueOf(role), "feed descriptor " + origin + ": each of roles"))
                    .distinct().toList();
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(e.getMessage());
        }
    }

    @SuppressWarnings("unchecked")
    static Feed parse(Map<String, Object> doc, String origin) {
        String name = required(doc, "feed", origin);
        Map<Feed.SourceKind, Feed.Source> sources = new EnumMap<>(Feed.SourceKind.class);
        Map<String, Object> rawSources = (Map<String, Object>) doc.getOrDefault("sources", Map.of());
        rawSources.forEach((kind, value) -> {
            Map<String, Object> source = (Map<String, Object>) value;
            sources.put(Feed.SourceKind.valueOf(kind.toUpperCase(Locale.ROOT)),
                    new Feed.Source(required(source, "action", origin), (String) source.get("file-type")));
        });
        if (!sources.containsKey(Feed.SourceKind.OWN) && !sources.containsKey(Feed.SourceKind.CUSTOMER)) {
            throw new IllegalStateException("feed descriptor " + origin + " needs an 'own' or 'customer' source");
        }
        Feed.Format format = Feed.Format.valueOf(String.valueOf(doc.getOrDefault("format", "csv")).toUpperCase(Locale.ROOT));
        List<String> tables = doc.containsKey("tables") ? List.copyOf((List<String>) doc.get("tables"))
                : List.of(required(doc, "table", origin));
        String mapping = format == Feed.Format.CSV ? required(doc, "mapping", origin) : null;
        return new Feed(name, String.valueOf(doc.getOrDefault("description", name)), format, tables.get(0), tables,
                mapping, String.valueOf(doc.getOrDefault("pack-customer-column", "payer_account_id")),
                (String) doc.get("customer-column"), Map.copyOf(sources),
                YearMonth.parse(String.valueOf(doc.getOrDefault("earliest-month", "2022-06"))),
                schedules((Map<String, Object>) doc.get("schedule"), name));
    }

    @SuppressWarnings("unchecked")
    private static List<Feed.Schedule> schedules(Map<String, Object> schedule, String feed) {
        List<Feed.Schedule> result = new ArrayList<>();
        if (schedule == null) {
            return result;
        }
        String zone = String.valueOf(schedule.getOrDefault("time-zone", "UTC"));
        result.add(new Feed.Schedule(feed, String.valueOf(schedule.get("cron")), zone,
                (List<Integer>) schedule.getOrDefault("months-back", List.of(1))));
        Map<String, Object> restatement = (Map<String, Object>) schedule.get("restatement");
        if (restatement != null) {
            result.add(new Feed.Schedule(feed + "-restatement", String.valueOf(restatement.get("cron")),
                    String.valueOf(restatement.getOrDefault("time-zone", zone)),
                    (List<Integer>) restatement.getOrDefault("months-back", List.of(1, 2))));
        }
        return List.copyOf(result);
    }

    private static String required(Map<String, Object> map, String key, String origin) {
        Object value = map.get(key);
        if (value == null || String.valueOf(value).isBlank()) {
            throw new IllegalStateException("feed descriptor " + origin + " lacks '" + key + "'");
        }
        return String.valueOf(value);
    }
}
