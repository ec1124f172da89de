package dev.kafkacourse.session02;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kafkacourse.support.kafka.KafkaFixture;
import dev.kafkacourse.support.kafka.KafkaTest;
import org.apache.kafka.clients.admin.TopicDescription;
import org.junit.jupiter.api.Test;

/** Exercise 1: TopicProvisioner. */
@KafkaTest
class TopicProvisionerTest {

    @Test
    void createsAMissingTopicWithEveryPartitionLed(KafkaFixture kafka) throws Exception {
        String topic = kafka.topicName("ad-events");

        TopicDescription description = TopicProvisioner.ensureTopic(kafka.admin(), topic, 3, kafka.defaultReplicationFactor());

        assertThat(kafka.admin().listTopics().names().get()).contains(topic);
        assertThat(description.name()).isEqualTo(topic);
        assertThat(description.partitions()).hasSize(3)
                .allSatisfy(p -> assertThat(p.leader()).isNotNull())
                .allSatisfy(p -> assertThat(p.replicas()).hasSize(kafka.defaultReplicationFactor()));
    }

    @Test
    void runningItAgainIsHarmless(KafkaFixture kafka) {
        String topic = kafka.topicName("ad-events");

        TopicDescription first = TopicProvisioner.ensureTopic(kafka.admin(), topic, 2, kafka.defaultReplicationFactor());
        TopicDescription second = TopicProvisioner.ensureTopic(kafka.admin(), topic, 2, kafka.defaultReplicationFactor());

        assertThat(second.topicId()).isEqualTo(first.topicId());
        assertThat(second.partitions()).hasSize(2);
    }

    @Test
    void aTopicWithAnotherPartitionCountStopsTheServiceWithAClearMessage(KafkaFixture kafka) {
        String topic = kafka.createTopic("ad-events", 3);

        assertThatThrownBy(() -> TopicProvisioner.ensureTopic(kafka.admin(), topic, 6, kafka.defaultReplicationFactor()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(topic)
                .hasMessageContaining("3")
                .hasMessageContaining("6");
    }
}
