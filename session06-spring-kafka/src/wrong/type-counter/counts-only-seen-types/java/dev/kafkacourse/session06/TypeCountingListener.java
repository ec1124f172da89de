// Known-wrong answer: counts() has only the types seen so far: before the first click a dashboard gets no CLICK entry instead of 0
package dev.kafkacourse.session06;

import dev.kafkacourse.support.domain.AdEvent;
import dev.kafkacourse.support.domain.EventType;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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

    private final Map<EventType, LongAdder> counts = new ConcurrentHashMap<>();
    private final LongAdder malformed = new LongAdder();

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
            counts.computeIfAbsent(event.type(), type -> new LongAdder()).increment();
        }
        // Only now is the batch done: a crash before this line means the next owner of the partition counts it.
        acknowledgment.acknowledge();
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
