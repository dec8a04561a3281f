package io.tcbill.docker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The metric names the monitoring files use and the ones tcbill documents: the README's metric table (Operations)
 * expanded into the series Prometheus gets (a timer is {@code _count}, {@code _sum} and {@code _max}), the PromQL of
 * the Grafana dashboard and of the alerting rules, and the metric names in a PromQL expression.
 */
public final class MonitoringMetrics {

    public static final Path README = Path.of("README.md");
    public static final Path DASHBOARD = Path.of("docker/grafana/dashboards/tcbill.json");
    public static final Path ALERTS = Path.of("docker/prometheus/alerts.yml");

    private static final Pattern TABLE_ROW = Pattern.compile("(?m)^\\| `(tcbill_[a-z0-9_]+)` \\| (\\w+) \\|");
    private static final Pattern NAME = Pattern.compile("(?<![A-Za-z0-9_:.$])[A-Za-z_:][A-Za-z0-9_:]*(?![A-Za-z0-9_:]|\\s*\\()");
    private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\(\\s*([A-Za-z_:][A-Za-z0-9_:]*)");
    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "offset", "bool", "by", "without", "on",
            "ignoring", "group_left", "group_right", "inf", "nan");

    private MonitoringMetrics() {
    }

    /** Every series name the README's metric table promises, timers expanded. */
    public static Set<String> documented() {
        Set<String> names = new TreeSet<>();
        Matcher row = TABLE_ROW.matcher(read(README));
        while (row.find()) {
            switch (row.group(2)) {
                case "timer" -> List.of("_count", "_sum", "_max").forEach(suffix -> names.add(row.group(1) + suffix));
                case "counter", "gauge" -> names.add(row.group(1));
                default -> throw new IllegalStateException("README: unknown metric type " + row.group(2) + " of " + row.group(1));
            }
        }
        return names;
    }

    /** The metric names a PromQL expression (or a Grafana {@code label_values(...)} query) selects. */
    public static Set<String> namesIn(String promql) {
        Set<String> names = new LinkedHashSet<>();
        Matcher labelValues = LABEL_VALUES.matcher(promql);
        if (labelValues.find()) {
            names.add(labelValues.group(1));
            return names;
        }
        String bare = promql.replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", "\"\"")
                .replaceAll("\\{[^}]*}", " ")
                .replaceAll("\\[[^]]*]", " ")
                .replaceAll("\\b(?:by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ");
        Matcher name = NAME.matcher(bare);
        while (name.find()) {
            if (!KEYWORDS.contains(name.group().toLowerCase(java.util.Locale.ROOT))) {
                names.add(name.group());
            }
        }
        return names;
    }

    /** The dashboard's PromQL: each panel target's {@code expr} and each templating query, by where it is. */
    public static Map<String, String> dashboardQueries() {
        JsonNode dashboard = JsonMapper.shared().readTree(read(DASHBOARD));
        Map<String, String> queries = new java.util.LinkedHashMap<>();
        for (JsonNode panel : dashboard.path("panels")) {
            for (JsonNode target : panel.path("targets")) {
                queries.put("panel '" + panel.path("title").asString() + "' " + target.path("refId").asString(),
                        target.path("expr").asString());
            }
        }
        for (JsonNode variable : dashboard.path("templating").path("list")) {
            if (variable.path("type").asString().equals("query")) {
                JsonNode query = variable.path("query");
                queries.put("variable " + variable.path("name").asString(),
                        query.isString() ? query.asString() : query.path("query").asString());
            }
        }
        return queries;
    }

    /** The alerting rules' expressions by alert name. */
    @SuppressWarnings("unchecked")
    public static Map<String, String> alertExpressions() {
        Map<String, Object> file = new Yaml().load(read(ALERTS));
        Map<String, String> rules = new java.util.LinkedHashMap<>();
        for (Map<String, Object> group : (List<Map<String, Object>>) file.get("groups")) {
            for (Map<String, Object> rule : (List<Map<String, Object>>) group.get("rules")) {
                rules.put((String) rule.get("alert"), (String) rule.get("expr"));
            }
        }
        return rules;
    }

    /** Every metric name the dashboard and the rules use, without {@code up} (Prometheus's own, per scrape target). */
    public static Set<String> usedByMonitoring() {
        List<String> queries = new ArrayList<>(dashboardQueries().values());
        queries.addAll(alertExpressions().values());
        Set<String> names = new TreeSet<>();
        queries.forEach(query -> names.addAll(namesIn(query)));
        names.remove("up");
        return names;
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
