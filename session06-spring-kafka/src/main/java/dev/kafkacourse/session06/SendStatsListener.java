package dev.kafkacourse.session06;

import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.springframework.kafka.support.ProducerListener;

/**
 * A {@link ProducerListener}: the template calls it for every send's outcome, on the producer's I/O thread, so the
 * sending code stays free of callbacks. Here it counts acknowledged records per partition and keeps the failures.
 * Keep it fast: it runs on the thread that also completes every other send of the producer.
 */
public class SendStatsListener<K, V> implements ProducerListener<K, V> {

    private final Map<Integer, LongAdder> acknowledgedPerPartition = new ConcurrentHashMap<>();
    private final List<String> failures = new CopyOnWriteArrayList<>();

    @Override
    public void onSuccess(ProducerRecord<K, V> record, RecordMetadata metadata) {
        acknowledgedPerPartition.computeIfAbsent(metadata.partition(), p -> new LongAdder()).increment();
    }

    @Override
    public void onError(ProducerRecord<K, V> record, RecordMetadata metadata, Exception exception) {
        failures.add(record.topic() + " key " + record.key() + ": " + exception.getClass().getSimpleName() + ": "
                + exception.getMessage());
    }

    public SortedMap<Integer, Long> acknowledgedPerPartition() {
        SortedMap<Integer, Long> snapshot = new TreeMap<>();
        acknowledgedPerPartition.forEach((partition, count) -> snapshot.put(partition, count.sum()));
        return snapshot;
    }

    public long acknowledged() {
        return acknowledgedPerPartition.values().stream().mapToLong(LongAdder::sum).sum();
    }

    public List<String> failures() {
        return List.copyOf(failures);
    }
}
