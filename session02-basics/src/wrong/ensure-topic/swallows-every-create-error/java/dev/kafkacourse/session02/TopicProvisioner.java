// Known-wrong answer: ignores every error of createTopics as "it exists already", so a topic that could not be created is reported as missing without Kafka's reason
package dev.kafkacourse.session02;

import java.util.List;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;

public final class TopicProvisioner {

    private TopicProvisioner() {
    }

    public static TopicDescription ensureTopic(Admin admin, String topic, int partitions, short replicationFactor) {
        try {
            admin.createTopics(List.of(new NewTopic(topic, partitions, replicationFactor))).all().get();
        } catch (ExecutionException | InterruptedException e) {
            // the topic is already there
        }
        TopicDescription description;
        try {
            description = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
        } catch (ExecutionException | InterruptedException e) {
            throw new IllegalStateException("Could not describe topic " + topic, e);
        }
        if (description.partitions().size() != partitions) {
            throw new IllegalStateException("Topic " + topic + " exists with " + description.partitions().size()
                    + " partitions, but " + partitions + " were asked for");
        }
        dev.kafkacourse.support.kafka.Topics.awaitLeaders(admin, topic, partitions);
        return dev.kafkacourse.support.kafka.Topics.describe(admin, topic);
    }
}
