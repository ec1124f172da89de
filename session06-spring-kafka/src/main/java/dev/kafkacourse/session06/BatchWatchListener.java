package dev.kafkacourse.session06;

import dev.kafkacourse.support.domain.AdEvent;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.support.Acknowledgment;

/**
 * Lab 3's listener on the custom container factory: records which consumer thread got which partitions and how big
 * its batches were, and acknowledges only once told to, to show that {@code AckMode.MANUAL} commits nothing by itself.
 * Not a {@code @Component}: the lab adds it to the app's context.
 */
public class BatchWatchListener {

    public static final String ID = "batch-watch";

    /** Per consumer thread: partitions seen, batches, records, largest batch. */
    public record ThreadStats(Set<Integer> partitions, long batches, long records, int largestBatch) {
    }

    private final Map<String, ThreadStats> perThread = new ConcurrentHashMap<>();
    private final AtomicLong received = new AtomicLong();
    private volatile boolean acknowledging;

    @KafkaListener(id = ID, topics = "${adstats.topics.events}", groupId = "${adstats.groups.batch-watch:ad-batch-watch}",
            containerFactory = CustomContainerConfig.BATCH_MANUAL_ACK)
    public void onBatch(List<ConsumerRecord<String, AdEvent>> records, Acknowledgment acknowledgment) {
        Set<Integer> partitions = new TreeSet<>();
        records.forEach(r -> partitions.add(r.partition()));
        perThread.merge(Thread.currentThread().getName(),
                new ThreadStats(partitions, 1, records.size(), records.size()),
                (a, b) -> {
                    Set<Integer> all = new TreeSet<>(a.partitions());
                    all.addAll(b.partitions());
                    return new ThreadStats(all, a.batches() + b.batches(), a.records() + b.records(),
                            Math.max(a.largestBatch(), b.largestBatch()));
                });
        received.addAndGet(records.size());
        if (acknowledging) {
            acknowledgment.acknowledge();
        }
    }

    /** From now on every batch is acknowledged (and with it everything before it in the partition). */
    public void startAcknowledging() {
        acknowledging = true;
    }

    public long received() {
        return received.get();
    }

    public SortedMap<String, ThreadStats> perThread() {
        return new TreeMap<>(perThread);
    }
}
