package dev.kafkacourse.session07;

import dev.kafkacourse.support.kafka.Topics;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.TopicPartition;

/** Small measuring helpers the labs share. */
final class LabSupport {

    private LabSupport() {
    }

    /** Records on {@code topic}: the sum of its partitions' end offsets (nothing is deleted in a lab). */
    static long recordCount(Admin admin, String topic) {
        Map<TopicPartition, OffsetSpec> latest = Topics.describe(admin, topic).partitions().stream()
                .collect(Collectors.toMap(p -> new TopicPartition(topic, p.partition()), p -> OffsetSpec.latest()));
        try {
            return admin.listOffsets(latest).all().get().values().stream()
                    .mapToLong(ListOffsetsResultInfo::offset).sum();
        } catch (ExecutionException e) {
            throw new IllegalStateException("Could not read the end offsets of " + topic, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while reading the end offsets of " + topic, e);
        }
    }

    /** A producer metric of the {@code producer-metrics} group, e.g. {@code record-error-total}. */
    static double producerMetric(Map<MetricName, ? extends Metric> metrics, String name) {
        return metrics.entrySet().stream()
                .filter(e -> e.getKey().group().equals("producer-metrics") && e.getKey().name().equals(name))
                .mapToDouble(e -> ((Number) e.getValue().metricValue()).doubleValue())
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("The producer has no metric " + name));
    }

    static double millis(long nanos) {
        return nanos / 1_000_000.0;
    }
}
