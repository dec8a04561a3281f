package io.tcbill.feed;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** All feeds, read once from the {@code jobs/*.yml} descriptors on the classpath. */
public final class FeedCatalog {

    private final Map<String, Feed> feeds;
    private final Map<String, List<String>> roles;

    private FeedCatalog(Map<String, Feed> feeds, Map<String, List<String>> roles) {
        this.feeds = feeds;
        this.roles = roles;
    }

    /** Reads every {@code jobs/*.yml} on the classpath. */
    public static FeedCatalog load() {
        try {
            Resource[] resources = new PathMatchingResourcePatternResolver().getResources("classpath:jobs/*.yml");
            Map<String, Feed> feeds = new LinkedHashMap<>();
            Map<String, List<String>> roles = new LinkedHashMap<>();
            for (Resource resource : resources) {
                Map<String, Object> doc;
                try (InputStream in = resource.getInputStream()) {
                    doc = read(in, resource.getFilename());
                }
                Feed feed = parse(doc, resource.getFilename());
                feeds.put(feed.name(), feed);
                roles.put(feed.name(), roles(doc, resource.getFilename()));
            }
            if (feeds.isEmpty()) {
                throw new IllegalStateException("no feed descriptors found under jobs/ on the classpath");
            }
            return new FeedCatalog(Map.copyOf(feeds), Map.copyOf(roles));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the feed descriptors under jobs/", e);
        }
    }

    /** The feed of that name, or an error listing the known names. */
    public Feed get(String name) {
        Feed feed = feeds.get(name.toLowerCase(Locale.ROOT));
        if (feed == null) {
            throw new IllegalArgumentException("unknown feed '" + name + "'; known feeds: " + String.join(", ", names()));
        }
        return feed;
    }

    public List<String> names() {
        return feeds.keySet().stream().sorted().toList();
    }

    public List<Feed> all() {
        return names().stream().map(feeds::get).toList();
    }

    /** The feeds an account of that role pulls by default ({@code roles:} in the descriptor; both when absent). */
    public List<String> namesFor(String role) {
        return names().stream().filter(name -> roles.get(name).contains(role)).toList();
    }

    static Map<String, Object> read(InputStream in, String origin) {
        Map<String, Object> doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
        if (doc == null) {
            throw new IllegalStateException("feed descriptor " + origin + " is empty");
        }
        return doc;
    }

    @SuppressWarnings("unchecked")
    private static List<String> roles(Map<String, Object> doc, String origin) {
        List<String> roles = (List<String>) doc.getOrDefault("roles", List.of("customer", "reseller"));
        if (roles.isEmpty() || !List.of("customer", "reseller").containsAll(roles)) {
            throw new IllegalStateException("feed descriptor " + origin + ": roles must be customer and/or reseller");
        }
        return List.copyOf(roles);
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
                mapping, String.valueOf(doc.getOrDefault("pack-customer-column", "payer_account_id")), Map.copyOf(sources),
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
