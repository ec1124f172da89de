// Known-wrong answer: Never calls acknowledge(): with AckMode.MANUAL nothing is committed, and a restart counts everything again
package dev.kafkacourse.session06;

import dev.kafkacourse.support.domain.AdEvent;
import dev.kafkacourse.support.domain.EventType;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
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

    // Filled once, never resized: the map is only read, the adders take the concurrent increments.
    private final Map<EventType, LongAdder> counts = new EnumMap<>(EventType.class);
    private final LongAdder malformed = new LongAdder();

    public TypeCountingListener() {
        for (EventType type : EventType.values()) {
            counts.put(type, new LongAdder());
        }
    }

    @KafkaListener(id = ID, topics = "${adstats.topics.events}", groupId = "${adstats.groups.type-counter}",
            containerFactory = CustomContainerConfig.BATCH_MANUAL_ACK)
    public void onBatch(List<ConsumerRecord<String, AdEvent>> records, Acknowledgment acknowledgment) {
        for (ConsumerRecord<String, AdEvent> record : records) {
            AdEvent event = record.value();
            if (event == null) {
                malformed.increment();
                DeserializationException reason = SerializationUtils.getExceptionFromHeader(record,
                        SerializationUtils.VALUE_DESERIALIZER_EXCEPTION_HEADER, log);
                // The exception itself only says "failed to deserialize"; its cause says what was wrong.
                String why = reason == null ? "null value"
                        : reason.getCause() != null ? reason.getCause().getMessage() : reason.getMessage();
                log.warn(() -> "Skipped malformed record " + record.topic() + "-" + record.partition() + "@"
                        + record.offset() + ": " + why);
                continue;
            }
            counts.get(event.type()).increment();
        }
    }

    public Map<EventType, Long> counts() {
        Map<EventType, Long> snapshot = new EnumMap<>(EventType.class);
        counts.forEach((type, count) -> snapshot.put(type, count.sum()));
        return snapshot;
    }

    public long malformed() {
        return malformed.sum();
    }
}
