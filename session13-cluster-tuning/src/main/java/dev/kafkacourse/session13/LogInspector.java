package dev.kafkacourse.session13;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.LogDirDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.ReplicaInfo;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;

/**
 * What a partition looks like on the broker: its earliest and end offsets ({@code Admin.listOffsets}), its size
 * ({@code Admin.describeLogDirs}, which works on any cluster, MSK included) and, where the broker's disk is this
 * machine's disk (the embedded backend), the segment files in the partition's directory. The directory is found the
 * way an operator finds it: the log dir that {@code describeLogDirs} reports, plus {@code <topic>-<partition>}.
 */
final class LogInspector {

    /** One segment file: its name is the first offset it holds; {@code deleted} = renamed, waiting for removal. */
    record Segment(long baseOffset, long bytes, boolean deleted) {
    }

    /**
     * @param earliestOffset the log start offset: the first offset a consumer reading from the beginning gets
     * @param endOffset      the offset the next record will get
     * @param sizeBytes      the replica's size as the broker reports it (all segments)
     * @param directory      the partition's directory, if it is on this machine's disk
     * @param segments       segment files in that directory (empty if it is not local)
     */
    record Snapshot(long earliestOffset, long endOffset, long sizeBytes, Optional<Path> directory,
            List<Segment> segments) {

        List<Segment> liveSegments() {
            return segments.stream().filter(s -> !s.deleted()).toList();
        }

        List<Long> liveBaseOffsets() {
            return liveSegments().stream().map(Segment::baseOffset).toList();
        }

        boolean hasDeletedFiles() {
            return segments.stream().anyMatch(Segment::deleted);
        }
    }

    private LogInspector() {
    }

    static Snapshot snapshot(Admin admin, TopicPartition partition) {
        Map<TopicPartition, Long> earliest = offsets(admin, List.of(partition), OffsetSpec.earliest());
        Map<TopicPartition, Long> latest = offsets(admin, List.of(partition), OffsetSpec.latest());
        long size = -1;
        Optional<Path> directory = Optional.empty();
        for (Map.Entry<String, LogDirDescription> dir : logDirs(admin).entrySet()) {
            ReplicaInfo replica = dir.getValue().replicaInfos().get(partition);
            if (replica != null) {
                size = Math.max(size, replica.size());
                Path candidate = Path.of(dir.getKey(), partition.topic() + "-" + partition.partition());
                if (directory.isEmpty() && Files.isDirectory(candidate)) {
                    directory = Optional.of(candidate);
                }
            }
        }
        List<Segment> segments = directory.map(LogInspector::segmentFiles).orElse(List.of());
        return new Snapshot(earliest.get(partition), latest.get(partition), size, directory, segments);
    }

    /** Prints a snapshot the way {@code ls -l} on the partition directory plus {@code kafka-log-dirs} would. */
    static void print(PrintStream out, String label, Snapshot snapshot) {
        out.printf("  %s: earliest offset %,d, end offset %,d, %,d bytes (describeLogDirs)%n", label,
                snapshot.earliestOffset(), snapshot.endOffset(), snapshot.sizeBytes());
        if (snapshot.directory().isEmpty()) {
            out.println("    (the partition directory is not on this machine's disk: container or external cluster)");
            return;
        }
        for (Segment segment : snapshot.segments()) {
            out.printf("    %020d.log%s  %,10d bytes%n", segment.baseOffset(), segment.deleted() ? ".deleted" : "",
                    segment.bytes());
        }
    }

    static Map<TopicPartition, Long> offsets(Admin admin, Collection<TopicPartition> partitions, OffsetSpec spec) {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        partitions.forEach(p -> request.put(p, spec));
        Map<TopicPartition, Long> result = new HashMap<>();
        get(admin.listOffsets(request).all(), "listOffsets").forEach((p, info) -> result.put(p, info.offset()));
        return result;
    }

    /** Log dirs of every broker, by path. On a multi-broker cluster paths are per broker; the labs use one. */
    private static Map<String, LogDirDescription> logDirs(Admin admin) {
        List<Integer> brokers = get(admin.describeCluster().nodes(), "describeCluster").stream().map(Node::id).toList();
        Map<String, LogDirDescription> result = new HashMap<>();
        get(admin.describeLogDirs(brokers).allDescriptions(), "describeLogDirs").values().forEach(result::putAll);
        return result;
    }

    private static List<Segment> segmentFiles(Path directory) {
        try (Stream<Path> files = Files.list(directory)) {
            List<Segment> segments = new ArrayList<>();
            files.forEach(file -> {
                String name = file.getFileName().toString();
                boolean deleted = name.endsWith(".log.deleted");
                if (name.endsWith(".log") || deleted) {
                    try {
                        segments.add(new Segment(Long.parseLong(name.substring(0, 20)), Files.size(file), deleted));
                    } catch (IOException | NumberFormatException e) {
                        // The broker removes files while we list them: a vanished file is simply not there.
                    }
                }
            });
            segments.sort(Comparator.comparingLong(Segment::baseOffset)
                    .thenComparing(Segment::deleted));
            return segments;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not list " + directory, e);
        }
    }

    private static <T> T get(org.apache.kafka.common.KafkaFuture<T> future, String what) {
        try {
            return future.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException(what + " failed: " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted during " + what, e);
        }
    }
}
