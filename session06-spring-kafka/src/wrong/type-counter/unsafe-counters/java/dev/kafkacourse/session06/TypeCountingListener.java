// Known-wrong answer: Counts in a plain EnumMap of Long and a long field: three consumer threads call onBatch at once and lose increments
package dev.kafkacourse.session06;

import dev.kafkacourse.support.domain.AdEvent;
import dev.kafkacourse.support.domain.EventType;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.core.log.LogAccessor;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.support.Acknowledgment;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.kafka.support.serializer.SerializationUtils;

/** A wrong answer to exercise 1: see the first line. */
public class TypeCountingListener {

    public static final String ID = "type-counter";

    private static final LogAccessor log = new LogAccessor(TypeCountingListener.class);

    private final Map<EventType, Long> counts = new EnumMap<>(EventType.class);
    private long malformed;

    public TypeCountingListener() {
        for (EventType type : EventType.values()) {
            counts.put(type, 0L);
        }
    }

    @KafkaListener(id = ID, topics = "${adstats.topics.events}", groupId = "${adstats.groups.type-counter}",
            containerFactory = CustomContainerConfig.BATCH_MANUAL_ACK)
    public void onBatch(List<ConsumerRecord<String, AdEvent>> records, Acknowledgment acknowledgment) {
        for (ConsumerRecord<String, AdEvent> record : records) {
            AdEvent event = record.value();
            if (event == null) {
                malformed++;
                DeserializationException reason = SerializationUtils.getExceptionFromHeader(record,
                        SerializationUtils.VALUE_DESERIALIZER_EXCEPTION_HEADER, log);
                // The exception itself only says "failed to deserialize"; its cause says what was wrong.
                String why = reason == null ? "null value"
                        : reason.getCause() != null ? reason.getCause().getMessage() : reason.getMessage();
                log.warn(() -> "Skipped malformed record " + record.topic() + "-" + record.partition() + "@"
                        + record.offset() + ": " + why);
                continue;
            }
            counts.merge(event.type(), 1L, Long::sum);
        }
        // Only now is the batch done: a crash before this line means the next owner of the partition counts it.
        acknowledgment.acknowledge();
    }

    public Map<EventType, Long> counts() {
        Map<EventType, Long> snapshot = new EnumMap<>(EventType.class);
        snapshot.putAll(counts);
        return snapshot;
    }

    public long malformed() {
        return malformed;
    }
}
