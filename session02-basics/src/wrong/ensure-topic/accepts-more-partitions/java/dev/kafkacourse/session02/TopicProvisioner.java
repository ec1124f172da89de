// Known-wrong answer: treats more partitions than asked as fine, but then the keys land on other partitions than the service expects
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
        if (description.partitions().size() < partitions) {
            throw new IllegalStateException("Topic " + topic + " exists with " + description.partitions().size()
                    + " partitions, but " + partitions + " were asked for");
        }
        Topics.awaitLeaders(admin, topic, partitions);
        return Topics.describe(admin, topic);
    }
}
