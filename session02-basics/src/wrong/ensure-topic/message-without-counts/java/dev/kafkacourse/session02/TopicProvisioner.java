// Known-wrong answer: says the partition count differs but not what it is and what was asked, so the operator cannot tell which side to fix
package dev.kafkacourse.session02;

import dev.kafkacourse.support.kafka.Topics;
import java.util.List;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.TopicExistsException;


public final class TopicProvisioner {

    private TopicProvisioner() {
    }

    public static TopicDescription ensureTopic(Admin admin, String topic, int partitions, short replicationFactor) {
        try {
            admin.createTopics(List.of(new NewTopic(topic, partitions, replicationFactor))).all().get();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("Could not create topic " + topic + ": " + e.getCause().getMessage(),
                        e.getCause());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating " + topic, e);
        }
        TopicDescription description = Topics.describe(admin, topic);
        if (description.partitions().size() != partitions) {
            throw new IllegalStateException("Topic " + topic + " already exists with a different partition count");
        }
        Topics.awaitLeaders(admin, topic, partitions);
        return Topics.describe(admin, topic);
    }
}
