// Known-wrong answer: reports only the partitions the group has committed, so a partition nobody has read yet shows no lag at all
package dev.kafkacourse.session02;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

public final class GroupLag {

    private GroupLag() {
    }

    public static Map<TopicPartition, Long> lagOf(Admin admin, String groupId, String topic) {
        try {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(groupId)
                    .partitionsToOffsetAndMetadata().get();
            Map<TopicPartition, OffsetSpec> request = new HashMap<>();
            committed.keySet().stream().filter(tp -> tp.topic().equals(topic))
                    .forEach(tp -> request.put(tp, OffsetSpec.latest()));
            Map<TopicPartition, Long> lag = new HashMap<>();
            admin.listOffsets(request).all().get().forEach((tp, end) ->
                    lag.put(tp, end.offset() - committed.get(tp).offset()));
            return lag;
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
