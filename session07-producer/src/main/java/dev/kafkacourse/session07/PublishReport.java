package dev.kafkacourse.session07;

import dev.kafkacourse.support.domain.AdEvent;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * The per-send accounting of a batch of events (exercise 1): every event is either acknowledged, with where it was
 * written, or failed, with why.
 *
 * @param attempted    how many events the batch had
 * @param acknowledged eventId to where the broker wrote it
 * @param failures     the events that were not written, with the reason
 */
public record PublishReport(int attempted, Map<UUID, RecordMetadata> acknowledged, List<SendFailure> failures) {

    public PublishReport {
        acknowledged = Map.copyOf(acknowledged);
        failures = List.copyOf(failures);
    }

    /** True when every event was answered exactly once. */
    public boolean accountsForEverything() {
        long failedIds = failures.stream().map(f -> f.event().eventId()).distinct().count();
        boolean overlap = failures.stream().anyMatch(f -> acknowledged.containsKey(f.event().eventId()));
        return !overlap && failedIds == failures.size() && acknowledged.size() + failures.size() == attempted;
    }

    public List<SendFailure> retriableFailures() {
        return failures.stream().filter(SendFailure::retriable).toList();
    }

    public List<SendFailure> nonRetriableFailures() {
        return failures.stream().filter(f -> !f.retriable()).toList();
    }

    public List<AdEvent> failedEvents() {
        return failures.stream().map(SendFailure::event).toList();
    }

    /** Acknowledged records per partition. */
    public Map<Integer, Long> acknowledgedPerPartition() {
        return acknowledged.values().stream()
                .collect(Collectors.groupingBy(RecordMetadata::partition, TreeMap::new, Collectors.counting()));
    }

    @Override
    public String toString() {
        return "attempted " + attempted + ", acknowledged " + acknowledged.size() + " " + acknowledgedPerPartition()
                + ", failed " + failures.size() + " (" + retriableFailures().size() + " retriable, "
                + nonRetriableFailures().size() + " non-retriable)";
    }
}
