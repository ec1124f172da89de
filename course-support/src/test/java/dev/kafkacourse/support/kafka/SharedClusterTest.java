package dev.kafkacourse.support.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

@KafkaTest
class SharedClusterTest {

    @Test
    void roundTripsRecordsThroughTheBroker(KafkaFixture kafka) throws Exception {
        String topic = kafka.createTopic("round-trip", 3);
        KafkaProducer<String, String> producer = kafka.stringProducer();
        for (int i = 0; i < 30; i++) {
            producer.send(new ProducerRecord<>(topic, "key-" + (i % 5), "value-" + i)).get();
        }
        KafkaConsumer<String, String> consumer = kafka.stringConsumer(kafka.groupId("round-trip"));
        consumer.subscribe(List.of(topic));

        List<ConsumerRecord<String, String>> records = Consume.records(consumer, 30);

        assertThat(records).extracting(ConsumerRecord::value)
                .containsExactlyInAnyOrderElementsOf(java.util.stream.IntStream.range(0, 30).mapToObj(i -> "value-" + i).toList());
        assertThat(records).extracting(ConsumerRecord::partition).containsOnly(0, 1, 2);
    }

    @Test
    void givesEveryTestItsOwnNames(KafkaFixture kafka, KafkaCluster cluster) {
        assertThat(kafka.topicName("ad-events")).isNotEqualTo(kafka.topicName("ad-events"))
                .startsWith("ad-events-sharedcluster-giveseverytestitsownnames-");
        assertThat(kafka.groupId("stats")).isNotEqualTo(kafka.groupId("stats"));
        assertThat(cluster).isSameAs(KafkaClusters.shared());
        assertThat(kafka.bootstrapServers()).isEqualTo(cluster.bootstrapServers());
    }

    @Test
    void autoCreationIsOffLikeOnMsk(KafkaFixture kafka) {
        Assumptions.assumeTrue(kafka.cluster().mode() != KafkaMode.EXTERNAL,
                "an external cluster's broker settings are its owner's, not the fixture's");
        assertThat(Topics.describeConfig(kafka.admin(), "auto.create.topics.enable",
                kafka.cluster().brokerId(0))).isEqualTo("false");
    }
}
