package dev.kafkacourse.session01;

import dev.kafkacourse.support.env.EnvironmentCheck;
import dev.kafkacourse.support.kafka.KafkaClusters;
import java.nio.file.Path;

/**
 * Lab 1: is this machine ready? Checks the JDK, the wrapper and Docker, then starts the course's Kafka (or
 * connects to yours) and sends one record through it. The same check as {@code ./course doctor}.
 */
public final class EnvironmentCheckLab {

    private EnvironmentCheckLab() {
    }

    public static void main(String[] args) {
        Path root = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
        System.out.printf("== session01 environment-check ==%n%n");
        EnvironmentCheck.Report report = EnvironmentCheck.run(root);
        EnvironmentCheck.print(report, System.out);
        KafkaClusters.closeShared();
        System.exit(report.ok() ? 0 : 1);
    }
}
