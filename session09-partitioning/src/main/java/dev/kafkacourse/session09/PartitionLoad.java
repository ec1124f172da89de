package dev.kafkacourse.session09;

import dev.kafkacourse.support.kafka.Offsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.TopicPartition;

/**
 * How many records each partition of a topic holds, and how uneven that is. {@link #maxOverMean()} is the skew
 * figure used in this session: 1.0 is perfectly even; 2.0 means the busiest partition (and so the consumer that
 * owns it) has twice the average work, and the whole group runs at that consumer's pace.
 *
 * @param perPartition record count of partition 0, 1, 2, ...
 */
public record PartitionLoad(List<Long> perPartition) {

    public PartitionLoad {
        perPartition = List.copyOf(perPartition);
        if (perPartition.isEmpty()) {
            throw new IllegalArgumentException("a topic has at least one partition");
        }
    }

    /** Counts {@code counts} (partition → records) over {@code partitions} partitions; missing ones count 0. */
    public static PartitionLoad of(Map<Integer, Long> counts, int partitions) {
        List<Long> list = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            list.add(counts.getOrDefault(p, 0L));
        }
        return new PartitionLoad(list);
    }

    /** Records per partition as the broker reports them (end offset minus start offset). */
    public static PartitionLoad onBroker(Admin admin, String topic, int partitions) {
        Map<TopicPartition, Long> end = Offsets.end(admin, topic);
        Map<TopicPartition, Long> start = Offsets.earliest(admin, topic);
        List<Long> counts = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            TopicPartition tp = new TopicPartition(topic, p);
            counts.add(end.get(tp) - start.get(tp));
        }
        return new PartitionLoad(counts);
    }


    public int partitions() {
        return perPartition.size();
    }

    public long total() {
        return perPartition.stream().mapToLong(Long::longValue).sum();
    }

    public long max() {
        return perPartition.stream().mapToLong(Long::longValue).max().orElse(0);
    }

    public long min() {
        return perPartition.stream().mapToLong(Long::longValue).min().orElse(0);
    }

    public double mean() {
        return (double) total() / partitions();
    }

    /** Busiest partition over the average; 1.0 = even. */
    public double maxOverMean() {
        return total() == 0 ? 1.0 : max() / mean();
    }

    /** The partition with the most records (the lowest index on a tie). */
    public int busiest() {
        int busiest = 0;
        for (int p = 1; p < partitions(); p++) {
            if (perPartition.get(p) > perPartition.get(busiest)) {
                busiest = p;
            }
        }
        return busiest;
    }

    /** A text bar for partition {@code p}, {@code width} characters for the busiest partition. */
    public String bar(int p, int width) {
        long max = Math.max(1, max());
        return "#".repeat((int) Math.round((double) perPartition.get(p) * width / max));
    }
}
