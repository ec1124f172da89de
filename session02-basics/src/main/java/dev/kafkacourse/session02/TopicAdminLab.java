package dev.kafkacourse.session02;

import dev.kafkacourse.support.kafka.KafkaFixture;
import dev.kafkacourse.support.kafka.Topics;
import dev.kafkacourse.support.lab.LabRunner;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.config.ConfigResource;

/**
 * Lab 1: a topic is a named set of partitions, each an ordered log with a leader replica. Creates
 * {@code ad-events} with 3 partitions through {@code Admin}, then describes it the way
 * {@code kafka-topics.sh --describe} would.
 */
public final class TopicAdminLab {

    static final int PARTITIONS = 3;

    private TopicAdminLab() {
    }

    public static void main(String[] args) {
        LabRunner.run("session02 topic-admin", TopicAdminLab::run);
    }

    static TopicDescription run(KafkaFixture kafka, PrintStream out) throws Exception {
        String topic = kafka.createTopic("ad-events", PARTITIONS, kafka.defaultReplicationFactor(),
                Map.of("retention.ms", String.valueOf(7L * 24 * 60 * 60 * 1000)));
        out.println("Created " + topic);

        TopicDescription description = Topics.describe(kafka.admin(), topic);
        out.printf("Topic: %s  TopicId: %s  PartitionCount: %d%n", description.name(), description.topicId(),
                description.partitions().size());
        for (TopicPartitionInfo partition : description.partitions()) {
            out.printf("  Partition: %d  Leader: %d  Replicas: %s  Isr: %s%n", partition.partition(),
                    partition.leader().id(), ids(partition.replicas()), ids(partition.isr()));
        }

        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        Config config = kafka.admin().describeConfigs(List.of(resource)).all().get().get(resource);
        for (String name : List.of("cleanup.policy", "retention.ms", "min.insync.replicas")) {
            out.printf("  %s = %s%n", name, config.get(name).value());
        }
        boolean listed = kafka.admin().listTopics().names().get().contains(topic);
        out.println("listTopics() contains it: " + listed);
        return description;
    }

    private static List<Integer> ids(List<org.apache.kafka.common.Node> nodes) {
        return nodes.stream().map(org.apache.kafka.common.Node::id).toList();
    }
}
