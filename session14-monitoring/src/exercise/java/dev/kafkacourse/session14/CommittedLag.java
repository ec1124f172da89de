package dev.kafkacourse.session14;

import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.TopicPartition;

/** A group's lag the way {@code kafka-consumer-groups --describe} measures it, with one Admin client. */
public final class CommittedLag {

    private CommittedLag() {
    }

    /**
     * Per partition the group has committed an offset for: the partition's end offset minus the committed offset.
     * Partitions without a commit are left out (the tool shows no lag for them either).
     */
    public static Map<TopicPartition, Long> of(Admin admin, String groupId)
            throws ExecutionException, InterruptedException {
        throw new UnsupportedOperationException(
                "TODO: the group's committed offsets and the partitions' end offsets, both from the Admin client");
    }
}
