package dev.kafkacourse.support.kafka;

import java.nio.file.Files;
import java.nio.file.Path;
import org.testcontainers.DockerClientFactory;

/**
 * Whether a Docker engine (or a Docker-compatible API such as podman's) answers. Testcontainers' own check is
 * only asked when one of the usual endpoints exists, because asking it on a machine without Docker is slow.
 */
public final class DockerProbe {
    private static volatile Boolean available;

    private DockerProbe() {
    }

    public static boolean isDockerAvailable() {
        Boolean result = available;
        if (result == null) {
            result = hasDockerEndpoint() && askTestcontainers();
            available = result;
        }
        return result;
    }

    /** Why Docker is not used, for skip messages and {@code ./course doctor}. */
    public static String unavailableReason() {
        return hasDockerEndpoint()
                ? "a Docker endpoint exists but no Docker engine answered on it"
                : "no Docker engine found (no DOCKER_HOST, no /var/run/docker.sock, no ~/.testcontainers.properties)";
    }

    private static boolean hasDockerEndpoint() {
        String home = System.getProperty("user.home", "");
        String runtimeDir = System.getenv("XDG_RUNTIME_DIR");
        return System.getenv("DOCKER_HOST") != null
                || Files.exists(Path.of("/var/run/docker.sock"))
                || Files.exists(Path.of(home, ".docker", "run", "docker.sock"))
                || Files.exists(Path.of(home, ".testcontainers.properties"))
                || (runtimeDir != null && Files.exists(Path.of(runtimeDir, "docker.sock")));
    }

    private static boolean askTestcontainers() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }
}
