package dev.kafkacourse.support.env;

import dev.kafkacourse.support.kafka.Consume;
import dev.kafkacourse.support.kafka.DockerProbe;
import dev.kafkacourse.support.kafka.KafkaClusters;
import dev.kafkacourse.support.kafka.KafkaFixture;
import dev.kafkacourse.support.kafka.KafkaMode;
import dev.kafkacourse.support.kafka.KafkaVersion;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * What {@code ./course doctor} and the session 01 environment lab print: is this machine ready for the course,
 * and how fast does its Kafka start.
 */
public final class EnvironmentCheck {

    /** One line of the report. */
    public record Item(String name, boolean ok, String detail) {
    }

    /** The report; {@code brokerReady} is the time from asking for the cluster to a ready broker. */
    public record Report(List<Item> items, KafkaMode mode, Duration brokerReady, Duration firstRoundTrip) {
        public boolean ok() {
            return items.stream().allMatch(Item::ok);
        }
    }

    private EnvironmentCheck() {
    }

    /** Checks the machine, then starts (or connects to) Kafka and sends one record through it. */
    public static Report run(Path projectRoot) {
        List<Item> items = new ArrayList<>();
        Runtime.Version java = Runtime.version();
        items.add(new Item("JDK", java.feature() >= 17, System.getProperty("java.vendor") + " " + java
                + (java.feature() >= 17 ? "" : " (the course needs JDK 17 or newer)")));
        boolean wrapper = Files.isExecutable(projectRoot.resolve("mvnw"));
        items.add(new Item("Maven wrapper", wrapper, wrapper ? "./mvnw" : "./mvnw not found in " + projectRoot));
        items.add(new Item("Machine", true, Runtime.getRuntime().availableProcessors() + " cores, "
                + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MiB max heap, "
                + System.getProperty("os.name") + " " + System.getProperty("os.arch")));
        boolean docker = DockerProbe.isDockerAvailable();
        items.add(new Item("Docker engine", true, docker ? "reachable (testcontainers backend available)"
                : "not used: " + DockerProbe.unavailableReason() + " — fine, Kafka runs in the JVM"));
        KafkaMode mode = KafkaMode.resolve();
        items.add(new Item("Kafka mode", true, mode.label() + " (Kafka " + KafkaVersion.VERSION
                + "; choose with KAFKA_MODE=embedded|testcontainers|external)"));

        long start = System.nanoTime();
        try (KafkaFixture kafka = KafkaFixture.on(KafkaClusters.shared(), "doctor")) {
            Duration ready = Duration.ofNanos(System.nanoTime() - start);
            items.add(new Item("Broker start", true, ready.toMillis() + " ms to ready: " + kafka.cluster().describe()));
            long roundTripStart = System.nanoTime();
            String topic = kafka.createTopic("doctor", 1);
            kafka.stringProducer().send(new ProducerRecord<>(topic, "ping", "pong")).get();
            KafkaConsumer<String, String> consumer = kafka.stringConsumer(kafka.groupId("doctor"));
            consumer.subscribe(List.of(topic));
            Consume.records(consumer, 1);
            Duration roundTrip = Duration.ofNanos(System.nanoTime() - roundTripStart);
            items.add(new Item("Round trip", true, "create topic, produce, consume: " + roundTrip.toMillis() + " ms"));
            return new Report(items, mode, ready, roundTrip);
        } catch (Exception e) {
            items.add(new Item("Kafka", false, e.getMessage()));
            return new Report(items, mode, null, null);
        }
    }

    public static void print(Report report, PrintStream out) {
        for (Item item : report.items()) {
            out.printf("  %s %-14s %s%n", item.ok() ? "✓" : "✗", item.name(), item.detail());
        }
        out.println();
        out.println(report.ok() ? "Ready for the course." : "Fix the ✗ lines above, then run ./course doctor again.");
    }
}
