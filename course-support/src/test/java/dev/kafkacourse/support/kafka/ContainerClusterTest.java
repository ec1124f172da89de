package dev.kafkacourse.support.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/** The testcontainers backend: runs where a Docker engine answers, and says why it is skipped elsewhere. */
class ContainerClusterTest {

    @Test
    void roundTripsThroughTheApacheKafkaImage() throws Exception {
        assumeTrue(DockerProbe.isDockerAvailable(),
                () -> "Skipped: the testcontainers backend needs a Docker engine, and " + DockerProbe.unavailableReason());
        try (KafkaCluster cluster = ContainerKafkaCluster.start(ClusterSpec.singleBroker());
                KafkaFixture kafka = KafkaFixture.on(cluster, "container")) {
            assertThat(cluster.mode()).isEqualTo(KafkaMode.TESTCONTAINERS);
            String topic = kafka.createTopic("ad-events", 2);
            kafka.stringProducer().send(new ProducerRecord<>(topic, "c-001", "hello")).get();
            KafkaConsumer<String, String> consumer = kafka.stringConsumer(kafka.groupId("container"));
            consumer.subscribe(List.of(topic));
            assertThat(Consume.records(consumer, 1)).singleElement()
                    .satisfies(r -> assertThat(r.value()).isEqualTo("hello"));
        }
    }
}
