package dev.kafkacourse.session14;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** docker/grafana/dashboards/kafka-course.json, read for the tests. */
record Dashboard(JsonNode json) {

    record Query(String panel, String refId, String expr) {
        /** A query of broker or controller metrics (not of the lab's clients). */
        boolean brokerMetric() {
            return expr.contains("kafka_server_") || expr.contains("kafka_controller_") || expr.contains("kafka_network_");
        }
    }

    static Dashboard load() throws IOException {
        return new Dashboard(new ObjectMapper().readTree(Files.readString(RepoFiles.dashboard())));
    }

    List<Query> queries() {
        List<Query> queries = new ArrayList<>();
        for (JsonNode panel : json.path("panels")) {
            for (JsonNode target : panel.path("targets")) {
                queries.add(new Query(panel.path("title").asString(), target.path("refId").asString(),
                        target.path("expr").asString()));
            }
        }
        return queries;
    }
}
