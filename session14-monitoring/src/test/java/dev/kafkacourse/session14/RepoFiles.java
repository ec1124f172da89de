package dev.kafkacourse.session14;

import java.nio.file.Files;
import java.nio.file.Path;

/** Files of the repository the tests check (the same files the compose monitoring stack mounts). */
final class RepoFiles {

    private RepoFiles() {
    }

    static Path root() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("docker/prometheus")) && Files.exists(dir.resolve("pom.xml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no repository root (with docker/prometheus) above " + Path.of("").toAbsolutePath());
    }

    static Path alertRules() {
        return root().resolve("docker/prometheus/alerts.yml");
    }

    static Path dashboard() {
        return root().resolve("docker/grafana/dashboards/kafka-course.json");
    }
}
