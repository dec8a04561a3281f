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

    private FeedCatalog(Map<String, Feed> feeds) {
        this.feeds = feeds;
    }

    /** Reads every {@code jobs/*.yml} on the classpath. */
    public static FeedCatalog load() {
        try {
            Resource[] resources = new PathMatchingResourcePatternResolver().getResources("classpath*:jobs/*.yml");
            Map<String, Feed> feeds = new LinkedHashMap<>();
            for (Resource resource : resources) {
                try (InputStream in = resource.getInputStream()) {
                    Feed feed = parse(in, resource.getFilename());
                    feeds.put(feed.name(), feed);
                }
            }
            if (feeds.isEmpty()) {
                throw new IllegalStateException("no feed descriptors found under jobs/ on the classpath");
            }
            return new FeedCatalog(Map.copyOf(feeds));
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

    @SuppressWarnings("unchecked")
    static Feed parse(InputStream in, String origin) {
        Map<String, Object> doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
        if (doc == null) {
            throw new IllegalStateException("feed descriptor " + origin + " is empty");
        }
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
