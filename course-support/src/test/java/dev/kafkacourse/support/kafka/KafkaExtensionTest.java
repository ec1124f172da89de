package dev.kafkacourse.support.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * The extension's lifecycle, run through JUnit's own engine: the shared cluster outlives every class that uses
 * it, and a dedicated cluster lives exactly as long as its class.
 */
class KafkaExtensionTest {

    static final List<KafkaCluster> SEEN = new CopyOnWriteArrayList<>();
    private static volatile boolean launchedHere;

    /** The classes below are run by this test's engine, not on their own (e.g. when -Dtest widens discovery). */
    static boolean launchedHere() {
        return launchedHere;
    }

    @Test
    void sharedClusterServesClassAfterClassAndDedicatedOnesAreClosedWithTheirClass() throws Exception {
        Assumptions.assumeTrue(KafkaClusters.shared().mode() != KafkaMode.EXTERNAL,
                "on an external cluster the fixture starts no cluster of its own, so there is no lifecycle to check");
        SEEN.clear();
        launchedHere = true;
        try {
            runTheThreeClasses();
        } finally {
            launchedHere = false;
        }
        assertThat(SEEN).hasSize(3);
        assertThat(SEEN.get(0)).isSameAs(SEEN.get(1)).isSameAs(KafkaClusters.shared());
        assertThat(SEEN.get(2)).isNotSameAs(SEEN.get(0));
        assertThatThrownBy(() -> ExternalKafkaCluster.connect(SEEN.get(2).bootstrapServers(), Map.of(),
                Duration.ofSeconds(2))).as("the dedicated cluster is closed").isInstanceOf(KafkaSettingsException.class);
        try (KafkaFixture kafka = KafkaFixture.on(KafkaClusters.shared(), "after")) {
            assertThat(kafka.createTopic("still-up", 1)).isNotBlank();
        }
    }

    private static void runTheThreeClasses() {
        EngineTestKit.engine("junit-jupiter")
                .selectors(selectClass(FirstSharedUser.class), selectClass(SecondSharedUser.class),
                        selectClass(DedicatedUser.class))
                .execute()
                .testEvents()
                .assertStatistics(stats -> stats.started(3).succeeded(3));
    }

    @KafkaTest
    @EnabledIf("dev.kafkacourse.support.kafka.KafkaExtensionTest#launchedHere")
    static class FirstSharedUser {
        @Test
        void usesTheBroker(KafkaFixture kafka, KafkaCluster cluster) {
            kafka.createTopic("first", 1);
            SEEN.add(cluster);
        }
    }

    @KafkaTest
    @EnabledIf("dev.kafkacourse.support.kafka.KafkaExtensionTest#launchedHere")
    static class SecondSharedUser {
        @Test
        void usesTheBrokerAfterTheFirstClassFinished(KafkaFixture kafka, KafkaCluster cluster) {
            kafka.createTopic("second", 1);
            SEEN.add(cluster);
        }
    }

    @KafkaTest(brokerProperties = "log.retention.check.interval.ms=60000")
    @EnabledIf("dev.kafkacourse.support.kafka.KafkaExtensionTest#launchedHere")
    static class DedicatedUser {
        @Test
        void getsItsOwnCluster(KafkaFixture kafka, KafkaCluster cluster) {
            kafka.createTopic("dedicated", 1);
            assertThat(Topics.describeConfig(kafka.admin(), "log.retention.check.interval.ms", cluster.brokerId(0)))
                    .isEqualTo("60000");
            SEEN.add(cluster);
        }
    }
}
