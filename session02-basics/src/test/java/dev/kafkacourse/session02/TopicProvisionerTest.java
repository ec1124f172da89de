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
                // The generated topic name has digits of its own: look for the counts in the rest of the message.
                .satisfies(e -> assertThat(e.getMessage().replace(topic, ""))
                        .as("the message without the topic name").contains("3").contains("6"));
    }

    @Test
    void morePartitionsThanAskedForIsAMistakeToo(KafkaFixture kafka) {
        // Keys would land on other partitions than the service was built for: stop just the same.
        String topic = kafka.createTopic("ad-events", 6);

        assertThatThrownBy(() -> TopicProvisioner.ensureTopic(kafka.admin(), topic, 3, kafka.defaultReplicationFactor()))
                .isInstanceOf(IllegalStateException.class)
                .satisfies(e -> assertThat(e.getMessage().replace(topic, ""))
                        .as("the message without the topic name").contains("6").contains("3"));
    }

    @Test
    void aTopicThatCannotBeCreatedIsReportedWithKafkasReason(KafkaFixture kafka) {
        String topic = kafka.topicName("ad-events");
        short tooMany = (short) (kafka.cluster().brokerCount() + 1);

        assertThatThrownBy(() -> TopicProvisioner.ensureTopic(kafka.admin(), topic, 1, tooMany))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("replication factor");
    }
}
