package dev.kafkacourse.session02;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;

/**
 * Exercise 1: every service of the pipeline makes sure its topics exist at start-up (auto-creation is off on
 * MSK). Running it twice must be harmless, and a topic that exists with another partition count is a deployment
 * mistake that must stop the service with a clear message, not be silently accepted.
 */
public final class TopicProvisioner {

    private TopicProvisioner() {
    }

    /**
     * Creates {@code topic} with {@code partitions} partitions and {@code replicationFactor} replicas if it does
     * not exist, and returns its description (every partition has a leader when this returns).
     *
     * @throws IllegalStateException if the topic exists with a different number of partitions; the message
     *                               names the topic, the partitions it has and the partitions asked for (more
     *                               partitions than asked for is as wrong as fewer); also if Kafka refuses to
     *                               create it for another reason, with Kafka's reason in the message
     */
    public static TopicDescription ensureTopic(Admin admin, String topic, int partitions, short replicationFactor) {
        // TODO: createTopics; treat TopicExistsException (the cause of the ExecutionException) as "already there";
        //  then describeTopics and compare the partition count.
        throw new UnsupportedOperationException("TODO session02 exercise 1: implement TopicProvisioner.ensureTopic");
    }
}
