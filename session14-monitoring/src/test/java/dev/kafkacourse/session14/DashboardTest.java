package dev.kafkacourse.session14;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The Grafana dashboard's structure, offline: what Grafana needs to load and lay it out, and that it uses the
 * data source Grafana is provisioned with. (PrometheusTest runs every panel's PromQL against a real Prometheus.)
 */
class DashboardTest {

    private static final Set<String> PANEL_TYPES = Set.of("timeseries", "stat", "gauge", "table", "bargauge");

    @Test
    void everyPanelHasAnIdATypeAPlaceOnTheGridAndPromqlTargets() throws Exception {
        JsonNode dashboard = Dashboard.load().json();

        assertThat(dashboard.path("uid").asString()).matches("[a-zA-Z0-9-_]{1,40}");
        assertThat(dashboard.path("title").asString()).isNotBlank();
        assertThat(dashboard.path("schemaVersion").isInt()).isTrue();
        assertThat(dashboard.path("panels")).isNotEmpty();
        Set<Integer> ids = new HashSet<>();
        boolean[][] grid = new boolean[200][24];
        for (JsonNode panel : dashboard.path("panels")) {
            String title = panel.path("title").asString();
            assertThat(ids.add(panel.path("id").asInt())).as("unique id of " + title).isTrue();
            assertThat(panel.path("type").asString()).as(title).isIn(PANEL_TYPES);
            JsonNode pos = panel.path("gridPos");
            for (String key : List.of("h", "w", "x", "y")) {
                assertThat(pos.path(key).isInt()).as(title + " gridPos." + key).isTrue();
            }
            int x = pos.path("x").asInt();
            int w = pos.path("w").asInt();
            assertThat(x + w).as(title + ": x + w within Grafana's 24 columns").isLessThanOrEqualTo(24);
            assertThat(pos.path("h").asInt()).as(title).isPositive();
            for (int row = pos.path("y").asInt(); row < pos.path("y").asInt() + pos.path("h").asInt(); row++) {
                for (int col = x; col < x + w; col++) {
                    assertThat(grid[row][col]).as(title + " overlaps another panel at " + col + "," + row).isFalse();
                    grid[row][col] = true;
                }
            }
            assertThat(panel.path("targets")).as(title).isNotEmpty().allSatisfy(target -> {
                assertThat(target.path("refId").asString()).isNotBlank();
                assertThat(target.path("expr").asString()).isNotBlank();
            });
        }
    }

    @Test
    void panelsUseTheProvisionedPrometheusDataSource() throws Exception {
        java.util.Map<String, Object> datasources = new org.yaml.snakeyaml.Yaml().load(
                Files.readString(RepoFiles.root().resolve("docker/grafana/provisioning/datasources/prometheus.yml")));
        JsonNode provisioned = new ObjectMapper().valueToTree(datasources).path("datasources").get(0);

        assertThat(Dashboard.load().json().path("panels")).allSatisfy(panel -> {
            assertThat(panel.path("datasource").path("type").asString()).isEqualTo(provisioned.path("type").asString());
            assertThat(panel.path("datasource").path("uid").asString()).isEqualTo(provisioned.path("uid").asString());
        });
    }

    @Test
    void theDashboardShowsThroughputLatencyLagAndIsrHealth() throws Exception {
        List<String> exprs = Dashboard.load().queries().stream().map(Dashboard.Query::expr).toList();

        assertThat(exprs).anyMatch(e -> e.contains("record_send_total"))
                .anyMatch(e -> e.contains("records_consumed_total"))
                .anyMatch(e -> e.contains("histogram_quantile(0.99"))
                .anyMatch(e -> e.contains("kafka_consumergroup_lag"))
                .anyMatch(e -> e.contains("records_lag"))
                .anyMatch(e -> e.contains("underreplicatedpartitions"))
                .anyMatch(e -> e.contains("offlinepartitionscount"))
                .anyMatch(e -> e.contains("isrshrinks"));
    }
}
