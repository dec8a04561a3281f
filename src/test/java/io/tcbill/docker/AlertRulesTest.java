package io.tcbill.docker;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The alerting rules and their promtool tests, read as files (promtool runs them in PrometheusRulesIntegrationTest):
 * every rule names only metrics tcbill exports, and its tests hold a series that fires it and one that does not.
 */
class AlertRulesTest {

    private static final Path TESTS = Path.of("docker/prometheus/alerts.test.yml");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)\\s*=\\s*\"([^\"]*)\"");

    @Test
    void everyRuleNamesOnlyMetricsTcbillExportsOrTheScrapesUp() {
        Set<String> exported = new java.util.HashSet<>(MonitoringMetrics.documented());
        exported.add("up");

        Map<String, String> rules = MonitoringMetrics.alertExpressions();

        assertThat(rules.keySet()).contains("TcbillFeedRunFailed", "TcbillMonthUnreconciled", "TcbillFeedLate",
                "TcbillRetryStorm", "TcbillApiRateLimited");
        rules.forEach((alert, expr) -> assertThat(MonitoringMetrics.namesIn(expr)).as("%s: %s", alert, expr)
                .isNotEmpty().isSubsetOf(exported));
        // freshness is by the month the data covers, not by when a run last ended
        assertThat(MonitoringMetrics.namesIn(rules.get("TcbillFeedLate")))
                .containsExactly("tcbill_feed_newest_complete_month_seconds");
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyRuleHasATestSeriesThatFiresItAndOneThatDoesNot() {
        // given the tests promtool runs
        Map<String, Object> file = new Yaml().load(MonitoringMetrics.read(TESTS));
        assertThat((List<String>) file.get("rule_files")).containsExactly("alerts.yml");
        Map<String, List<Map<String, String>>> fired = new HashMap<>();
        Map<String, List<Map<String, String>>> quiet = new HashMap<>();

        // when each alert's expected alerts are matched with the input series of its test, at the times it fires
        for (Map<String, Object> test : (List<Map<String, Object>>) file.get("tests")) {
            List<Map<String, String>> series = new ArrayList<>();
            for (Map<String, Object> input : (List<Map<String, Object>>) test.get("input_series")) {
                series.add(labels((String) input.get("series")));
            }
            for (Map<String, Object> check : (List<Map<String, Object>>) test.get("alert_rule_test")) {
                String alert = (String) check.get("alertname");
                List<Map<String, Object>> expected = (List<Map<String, Object>>) check.get("exp_alerts");
                if (expected.isEmpty()) {
                    continue;   // "nothing fires yet" says nothing of a series that must stay quiet while another fires
                }
                for (Map<String, String> one : series) {
                    boolean fires = expected.stream().anyMatch(e -> matches(one, (Map<String, Object>) e.get("exp_labels")));
                    (fires ? fired : quiet).computeIfAbsent(alert, a -> new ArrayList<>()).add(one);
                }
            }
        }

        // then every rule has both
        for (String alert : MonitoringMetrics.alertExpressions().keySet()) {
            assertThat(fired.get(alert)).as("a test series that fires %s", alert).isNotEmpty();
            assertThat(quiet.get(alert)).as("a test series that does not fire %s while another does", alert).isNotEmpty();
        }
    }

    /** An expected alert belongs to a series when the series carries each of its labels but severity. */
    private static boolean matches(Map<String, String> series, Map<String, Object> alert) {
        return alert.entrySet().stream().filter(label -> !label.getKey().equals("severity"))
                .allMatch(label -> String.valueOf(label.getValue()).equals(series.get(label.getKey())));
    }

    private static Map<String, String> labels(String series) {
        Map<String, String> labels = new HashMap<>();
        labels.put("__name__", series.substring(0, series.indexOf('{')).trim());
        Matcher label = LABEL.matcher(series);
        while (label.find()) {
            labels.put(label.group(1), label.group(2));
        }
        return labels;
    }
}
