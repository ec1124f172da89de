package dev.kafkacourse.session02;

import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.TopicPartition;

/**
 * Exercise 4: a consumer group's progress lives in Kafka as committed offsets. Lag, the number of records the
 * group has not processed yet, is the first number anyone looks at when the dashboard falls behind.
 */
public final class GroupLag {

    private GroupLag() {
    }

    /**
     * Lag of {@code groupId} on every partition of {@code topic}: the partition's end offset minus the group's
     * committed offset. A partition the group has never committed counts all its records as lag (end offset minus
     * earliest offset).
     */
    public static Map<TopicPartition, Long> lagOf(Admin admin, String groupId, String topic) {
        // TODO: describeTopics for the partitions, listOffsets with OffsetSpec.latest() and earliest(), and
        //  listConsumerGroupOffsets(groupId) for the committed offsets.
        throw new UnsupportedOperationException("TODO session02 exercise 4: implement GroupLag.lagOf");
    }
}
