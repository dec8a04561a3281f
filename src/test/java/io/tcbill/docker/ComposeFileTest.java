package io.tcbill.docker;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * docker/compose.yaml read as YAML, without Docker (ComposeConfigIntegrationTest has Docker's own client validate
 * it where there is one): fit for production, i.e. every image pinned to a version, every published port on the host's
 * loopback only, tcbill started once its storage is healthy, and the monitoring services wired to the rules and the
 * dashboard.
 */
class ComposeFileTest {

    private static final Path COMPOSE = Path.of("docker/compose.yaml");

    @SuppressWarnings("unchecked")
    private final Map<String, Map<String, Object>> services =
            (Map<String, Map<String, Object>>) new Yaml().<Map<String, Object>>load(MonitoringMetrics.read(COMPOSE)).get("services");

    @Test
    void everyImageIsPinnedToAVersion() {
        services.forEach((name, service) -> {
            String image = (String) service.get("image");
            assertThat(image).as("image of %s", name).isNotNull();
            if (service.containsKey("build")) {
                assertThat(image).as("the image %s builds", name).isEqualTo("tcbill:local");
                return;
            }
            String tag = image.substring(image.lastIndexOf(':') + 1);
            assertThat(image).as("image of %s", name).contains(":");
            assertThat(tag).as("tag of %s", name).isNotEqualTo("latest").containsPattern("\\d+\\.\\d+|RELEASE\\.\\d{4}");
        });
        assertThat(MonitoringMetrics.read(Path.of("docker/Dockerfile"))).containsPattern("(?m)^FROM \\S+:\\d+\\.\\d+\\.\\d+\\S*$");
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyPublishedPortIsBoundToTheHostsLoopback() {
        int published = 0;
        for (Map.Entry<String, Map<String, Object>> service : services.entrySet()) {
            for (Object port : (List<Object>) service.getValue().getOrDefault("ports", List.of())) {
                published++;
                assertThat(port).as("a port of %s", service.getKey()).isInstanceOf(String.class);
                assertThat((String) port).as("a port of %s", service.getKey()).matches("127\\.0\\.0\\.1:\\d+:\\d+");
            }
        }
        assertThat(published).isEqualTo(5);   // MinIO's API and console, the scheduler, Prometheus, Grafana
    }

    @Test
    @SuppressWarnings("unchecked")
    void tcbillStartsOnceItsStorageIsHealthyAndEveryDependencyHasAHealthcheck() {
        for (String tcbill : List.of("tcbill", "schedule")) {
            Map<String, Map<String, String>> dependsOn = (Map<String, Map<String, String>>) services.get(tcbill).get("depends_on");
            assertThat(dependsOn).as(tcbill).containsOnlyKeys("minio", "postgres");
            dependsOn.values().forEach(condition -> assertThat(condition).containsEntry("condition", "service_healthy"));
        }
        services.forEach((name, service) -> {
            Object dependsOn = service.get("depends_on");
            if (dependsOn != null) {
                assertThat(dependsOn).as("depends_on of %s (conditions, not a list)", name).isInstanceOf(Map.class);
                ((Map<String, Map<String, String>>) dependsOn).forEach((dependency, condition) -> {
                    assertThat(condition).as("%s -> %s", name, dependency).containsKey("condition");
                    assertThat(services.get(dependency)).as("%s -> %s", name, dependency).containsKey("healthcheck");
                });
            }
        });
    }

    @Test
    @SuppressWarnings("unchecked")
    void theMonitoringProfileMountsTheRulesAndTheDashboardAndTcbillTheJobsDirectory() {
        for (String monitoring : List.of("prometheus", "grafana")) {
            assertThat((List<String>) services.get(monitoring).get("profiles")).as(monitoring).containsExactly("monitoring");
        }
        assertThat((List<String>) services.get("prometheus").get("volumes")).contains("./prometheus:/etc/prometheus:ro");
        assertThat((List<String>) services.get("grafana").get("volumes")).contains(
                "./grafana/provisioning:/etc/grafana/provisioning:ro", "./grafana/dashboards:/etc/grafana/dashboards:ro");
        assertThat(Files.isRegularFile(Path.of("docker/prometheus/prometheus.yml"))).isTrue();
        assertThat(MonitoringMetrics.read(Path.of("docker/prometheus/prometheus.yml")))
                .contains("- alerts.yml", "job_name: tcbill", "/actuator/prometheus", "schedule:8081");
        for (String tcbill : List.of("tcbill", "schedule")) {
            assertThat((List<String>) services.get(tcbill).get("volumes")).as(tcbill).contains("../jobs:/etc/tcbill/jobs:ro");
            assertThat((Map<String, Object>) services.get(tcbill).get("environment")).as(tcbill)
                    .containsEntry("TCBILL_JOBS_DIR", "/etc/tcbill/jobs");
        }
        assertThat(services).doesNotContainKey("alertmanager");
    }
}
