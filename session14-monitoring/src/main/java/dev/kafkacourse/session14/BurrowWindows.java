package dev.kafkacourse.session14;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

/**
 * Burrow's lag-monitoring loop for one group, outside the consumers: the group's commits from
 * {@code __consumer_offsets}, the partitions' end offsets from the brokers, and per partition a sliding window of
 * the last {@code size} commits with the lag each had. Evaluating the windows is the exercise
 * ({@code BurrowEvaluator}); this class only collects them.
 */
public final class BurrowWindows implements AutoCloseable {

    /** A partition's window (oldest commit first) and its end offset now. */
    public record Window(List<OffsetCommit> commits, long endOffset) {
    }

    /** Evaluates one window at a time ({@code BurrowEvaluator::evaluate} fits). */
    @FunctionalInterface
    public interface Rules {
        LagStatus evaluate(List<OffsetCommit> window, long endOffset, long nowMillis);
    }

    private final Admin admin;
    private final ConsumerOffsetsReader commits;
    private final int size;
    private final TreeMap<TopicPartition, Deque<OffsetCommit>> windows = new TreeMap<>(
            java.util.Comparator.comparing(TopicPartition::topic).thenComparingInt(TopicPartition::partition));
    private final Map<TopicPartition, Long> ends = new java.util.HashMap<>();
    private final Map<TopicPartition, Long> seen = new java.util.HashMap<>();

    public BurrowWindows(Admin admin, Map<String, Object> clientConfig, String group, int size) {
        this.admin = admin;
        this.commits = new ConsumerOffsetsReader(clientConfig, group);
        this.size = size;
    }

    /**
     * One round of the loop: end offsets of the partitions known so far, then every new commit, whose lag is
     * measured against the end offset of its partition (Burrow measures against the latest broker offset it has).
     */
    public synchronized BurrowWindows refresh() {
        List<ConsumerOffsetsReader.Commit> fresh = commits.readNew();
        java.util.Set<TopicPartition> partitions = new java.util.HashSet<>(windows.keySet());
        fresh.forEach(commit -> partitions.add(commit.partition()));
        ends.putAll(endOffsets(partitions));
        for (ConsumerOffsetsReader.Commit commit : fresh) {
            long end = ends.getOrDefault(commit.partition(), commit.offset());
            seen.merge(commit.partition(), 1L, Long::sum);
            Deque<OffsetCommit> window = windows.computeIfAbsent(commit.partition(), p -> new ArrayDeque<>());
            window.addLast(new OffsetCommit(commit.offset(), Math.max(0, end - commit.offset()), commit.timestamp()));
            while (window.size() > size) {
                window.removeFirst();
            }
        }
        return this;
    }

    /** The broker timestamp of the newest commit seen, over all partitions (0 before the first). */
    public synchronized long lastCommitMillis() {
        return windows.values().stream().mapToLong(window -> window.getLast().timestamp()).max().orElse(0);
    }

    /** How many commits of {@code partition} the loop has read so far. */
    public synchronized long commitsSeen(TopicPartition partition) {
        return seen.getOrDefault(partition, 0L);
    }

    /** Every partition's window so far. */
    public synchronized Map<TopicPartition, Window> windows() {
        Map<TopicPartition, Window> copy = new TreeMap<>(windows.comparator());
        windows.forEach((partition, window) -> copy.put(partition,
                new Window(List.copyOf(window), ends.getOrDefault(partition, 0L))));
        return copy;
    }

    /** Every partition's status by {@code rules} at {@code nowMillis}. */
    public Map<TopicPartition, LagStatus> evaluate(Rules rules, long nowMillis) {
        Map<TopicPartition, LagStatus> statuses = new TreeMap<>(windows.comparator());
        windows().forEach((partition, window) ->
                statuses.put(partition, rules.evaluate(window.commits(), window.endOffset(), nowMillis)));
        return statuses;
    }

    private Map<TopicPartition, Long> endOffsets(java.util.Set<TopicPartition> partitions) {
        if (partitions.isEmpty()) {
            return Map.of();
        }
        try {
            Map<TopicPartition, OffsetSpec> latest = new java.util.HashMap<>();
            partitions.forEach(partition -> latest.put(partition, OffsetSpec.latest()));
            Map<TopicPartition, Long> result = new java.util.HashMap<>();
            admin.listOffsets(latest).all().get().forEach((partition, info) -> result.put(partition, info.offset()));
            return result;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading end offsets", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("cannot read end offsets of " + partitions + ": " + e.getCause(), e);
        }
    }

    @Override
    public void close() {
        commits.close();
    }
}
