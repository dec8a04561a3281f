package io.tcbill.docker;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Grafana dashboard (docker/grafana/dashboards/tcbill.json) as Grafana's provisioning reads it: valid JSON, every
 * panel queries Prometheus through the dashboard's data source variable, and every PromQL expression names only
 * metrics tcbill exports (the README's table, which ScheduleEndpointsIntegrationTest checks against a real scrape).
 */
class GrafanaDashboardTest {

    @Test
    void everyQueryNamesOnlyMetricsTcbillExports() {
        // given the metrics tcbill documents
        Set<String> exported = MonitoringMetrics.documented();
        assertThat(exported).contains("tcbill_feed_newest_complete_month_seconds", "tcbill_feed_run_seconds_count");

        // when every query of the dashboard is read
        Map<String, String> queries = MonitoringMetrics.dashboardQueries();

        // then each names at least one metric, and only exported ones
        assertThat(queries).hasSizeGreaterThan(10);
        queries.forEach((where, query) -> assertThat(MonitoringMetrics.namesIn(query)).as("%s: %s", where, query)
                .isNotEmpty().isSubsetOf(exported));
    }

    @Test
    void theDashboardShowsEveryMetricFamilyTcbillExports() {
        Set<String> families = new TreeSet<>();
        MonitoringMetrics.dashboardQueries().values().forEach(query -> MonitoringMetrics.namesIn(query)
                .forEach(name -> families.add(name.replaceAll("_(count|sum|max)$", ""))));
        Set<String> documentedFamilies = new TreeSet<>();
        MonitoringMetrics.documented().forEach(name -> documentedFamilies.add(name.replaceAll("_(count|sum|max)$", "")));

        assertThat(families).containsExactlyInAnyOrderElementsOf(documentedFamilies);
    }

    @Test
    void everyPanelQueriesTheProvisionedPrometheusThroughTheDataSourceVariable() throws Exception {
        JsonNode dashboard = JsonMapper.shared().readTree(Files.readString(MonitoringMetrics.DASHBOARD));

        assertThat(dashboard.path("uid").asString()).isEqualTo("tcbill");
        assertThat(dashboard.path("templating").path("list")).anySatisfy(variable -> {
            assertThat(variable.path("name").asString()).isEqualTo("datasource");
            assertThat(variable.path("query").asString()).isEqualTo("prometheus");
        });
        int panels = 0;
        for (JsonNode panel : dashboard.path("panels")) {
            if (panel.path("type").asString().equals("row")) {
                continue;
            }
            panels++;
            assertThat(panel.path("datasource").path("uid").asString()).as(panel.path("title").asString())
                    .isEqualTo("${datasource}");
            assertThat(panel.path("targets")).as(panel.path("title").asString()).isNotEmpty()
                    .allSatisfy(target -> assertThat(target.path("expr").asString()).isNotBlank());
        }
        assertThat(panels).isGreaterThan(10);
        // the provisioning files the compose file mounts point Grafana at this directory and at the compose Prometheus
        assertThat(Files.readString(Path.of("docker/grafana/provisioning/dashboards/tcbill.yml")))
                .contains("path: /etc/grafana/dashboards");
        assertThat(Files.readString(Path.of("docker/grafana/provisioning/datasources/prometheus.yml")))
                .contains("url: http://prometheus:9090", "type: prometheus");
    }

    @Test
    void metricNamesAreReadFromPromqlWithoutFunctionsLabelsOrKeywords() {
        assertThat(MonitoringMetrics.namesIn("sum by (feed, outcome) (increase(tcbill_feed_run_seconds_count{feed=~\"$feed\","
                + " outcome=\"failed\"}[$__rate_interval])) / on (feed) group_left max(tcbill_feed_run_seconds_max offset 1d)"
                + " > 44 * 86400 unless time() - up"))
                .containsExactly("tcbill_feed_run_seconds_count", "tcbill_feed_run_seconds_max", "up");
        assertThat(MonitoringMetrics.namesIn("label_values(tcbill_feed_run_seconds_count, feed)"))
                .containsExactly("tcbill_feed_run_seconds_count");
    }
}
