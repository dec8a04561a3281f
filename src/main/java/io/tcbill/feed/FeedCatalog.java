package io.tcbill.feed;

import static io.tcbill.feed.FeedDescriptor.oneLine;
import static io.tcbill.feed.FeedDescriptor.position;
import static io.tcbill.feed.FeedDescriptor.validate;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;
import org.quartz.CronExpression;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * All feeds, read once from the {@code jobs/*.yml} descriptors built into the jar; with a jobs directory
 * ({@code tcbill.jobs.dir}), each {@code *.yml} there replaces the built-in descriptor of the same feed (or adds a feed),
 * and {@code tcbill.schedule.<schedule>.cron} / {@code .time-zone} properties override one schedule's cron or zone.
 */
public final class FeedCatalog {

    private static final Logger log = LoggerFactory.getLogger(FeedCatalog.class);

    private final Map<String, Feed> feeds;
    private final Map<String, List<Role>> roles;

    private FeedCatalog(Map<String, Feed> feeds, Map<String, List<Role>> roles) {
        this.feeds = feeds;
        this.roles = roles;
    }

    /** Reads every {@code jobs/*.yml} on the classpath (the built-in descriptors). */
    public static FeedCatalog load() {
        return load(null, key -> null);
    }

    /**
     * The built-in descriptors, replaced feed by feed by the {@code *.yml} files of {@code dir} (null: none), then the
     * schedule overrides {@code properties} answers ({@code tcbill.schedule.<schedule>.cron} and {@code .time-zone}, the
     * schedule named like its feed, or {@code <feed>-restatement}). A missing directory, a malformed file, a bad cron or
     * zone is an {@link IllegalStateException} naming the file or property and the problem.
     */
    public static FeedCatalog load(Path dir, Function<String, String> properties) {
        Map<String, Feed> feeds = new LinkedHashMap<>();
        Map<String, List<Role>> roles = new LinkedHashMap<>();
        try {
            Resource[] resources = new PathMatchingResourcePatternResolver().getResources("classpath:jobs/*.yml");
            for (Resource resource : resources) {
                try (InputStream in = resource.getInputStream()) {
                    add(FeedDescriptor.read(in, resource.getFilename()), resource.getFilename(), feeds, roles);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the feed descriptors under jobs/", e);
        }
        if (feeds.isEmpty()) {
            throw new IllegalStateException("no feed descriptors found under jobs/ on the classpath");
        }
        if (dir != null) {
            addDirectory(dir, feeds, roles);
        }
        overrideSchedules(feeds, properties);
        return new FeedCatalog(Map.copyOf(feeds), Map.copyOf(roles));
    }

    private static void add(Map<String, Object> doc, String origin, Map<String, Feed> feeds,
                            Map<String, List<Role>> roles) {
        Feed feed = FeedDescriptor.parse(doc, origin);
        feeds.put(feed.name(), feed);
        roles.put(feed.name(), FeedDescriptor.roles(doc, origin));
    }

    private static void addDirectory(Path dir, Map<String, Feed> feeds, Map<String, List<Role>> roles) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("the jobs directory " + dir.toAbsolutePath() + " (tcbill.jobs.dir,"
                    + " TCBILL_JOBS_DIR) does not exist or is not a directory");
        }
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(file -> file.getFileName().toString().endsWith(".yml") && Files.isRegularFile(file))
                    .sorted().toList();
        } catch (IOException e) {
            throw new IllegalStateException("cannot list the jobs directory " + dir.toAbsolutePath() + ": " + e);
        }
        if (files.isEmpty()) {
            log.warn("feed descriptors: the jobs directory {} holds no *.yml file; using the built-in descriptors",
                    dir.toAbsolutePath());
            return;
        }
        List<String> used = new ArrayList<>();
        for (Path file : files) {
            Map<String, Feed> one = new LinkedHashMap<>();
            Map<String, List<Role>> oneRoles = new LinkedHashMap<>();
            try (InputStream in = Files.newInputStream(file)) {
                add(FeedDescriptor.read(in, file.toString()), file.toString(), one, oneRoles);
            } catch (IOException e) {
                throw new IllegalStateException("feed descriptor " + file + " cannot be read: " + e.getMessage());
            } catch (IllegalStateException e) {
                throw new IllegalStateException(oneLine(e.getMessage()) + "; fix the file or remove it from the jobs"
                        + " directory to use the built-in descriptor");
            } catch (MarkedYAMLException e) {
                throw new IllegalStateException("feed descriptor " + file + " is malformed: " + e.getProblem() + " at "
                        + position(e.getProblemMark()) + (e.getContext() == null ? "" : " (" + e.getContext() + " at "
                        + position(e.getContextMark()) + ")") + "; fix the file or remove it from the jobs directory to"
                        + " use the built-in descriptor");
            } catch (RuntimeException e) {
                throw new IllegalStateException("feed descriptor " + file + " is malformed: " + oneLine(e.getMessage())
                        + "; fix the file or remove it from the jobs directory to use the built-in descriptor");
            }
            Feed feed = one.values().iterator().next();
            for (Feed.Schedule schedule : feed.schedules()) {
                validate(schedule, file.toString());
            }
            used.add(file.getFileName() + (feeds.containsKey(feed.name()) ? " (replaces the built-in " + feed.name() + ")"
                    : " (adds feed " + feed.name() + ")"));
            feeds.putAll(one);
            roles.putAll(oneRoles);
        }
        log.info("feed descriptors: built-in, and from the jobs directory {}: {}", dir.toAbsolutePath(),
                String.join(", ", used));
    }

    private static void overrideSchedules(Map<String, Feed> feeds, Function<String, String> properties) {
        feeds.replaceAll((name, feed) -> {
            List<Feed.Schedule> schedules = feed.schedules().stream().map(schedule -> {
                String prefix = "tcbill.schedule." + schedule.name() + ".";
                String cron = properties.apply(prefix + "cron");
                String zone = properties.apply(prefix + "time-zone");
                if ((cron == null || cron.isBlank()) && (zone == null || zone.isBlank())) {
                    return schedule;
                }
                Feed.Schedule overridden = new Feed.Schedule(schedule.name(),
                        cron == null || cron.isBlank() ? schedule.cron() : cron.trim(),
                        zone == null || zone.isBlank() ? schedule.timeZone() : zone.trim(), schedule.monthsBack());
                validate(overridden, prefix + "cron / " + prefix + "time-zone");
                log.info("schedule {}: cron '{}' in {} from the {}* properties (descriptor: '{}' in {})",
                        schedule.name(), overridden.cron(), overridden.timeZone(), prefix, schedule.cron(),
                        schedule.timeZone());
                return overridden;
            }).toList();
            return new Feed(feed.name(), feed.description(), feed.format(), feed.table(), feed.tables(),
                    feed.mapping(), feed.packCustomerColumn(), feed.customerColumn(), feed.sources(), feed.earliestMonth(), schedules);
        });
    }

    /**
     * Refuses a schedule override that names no schedule (e.g. {@code TCBILL_SCHEDULE_L4_CRON}), which would otherwise
     * change nothing without a word. {@code names} are property names ({@code tcbill.schedule.l3.cron}) or
     * environment variable names ({@code TCBILL_SCHEDULE_L3_CRON}); others are ignored.
     */
    public void requireKnownScheduleOverrides(Collection<String> names) {
        List<String> schedules = all().stream().flatMap(feed -> feed.schedules().stream()).map(Feed.Schedule::name).toList();
        Set<String> known = new HashSet<>();
        for (String schedule : schedules) {
            for (String key : List.of("cron", "time-zone")) {
                String property = "tcbill.schedule." + schedule + "." + key;
                known.add(property);
                known.add(property.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_'));
            }
        }
        for (String name : names) {
            if ((name.startsWith("tcbill.schedule.") || name.startsWith("TCBILL_SCHEDULE_")) && !known.contains(name)) {
                throw new IllegalStateException(name + " names no schedule; set tcbill.schedule.<schedule>.cron or"
                        + " .time-zone for one of " + String.join(", ", schedules));
            }
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
    public List<String> namesFor(Role role) {
        return names().stream().filter(name -> roles.get(name).contains(role)).toList();
    }
}
