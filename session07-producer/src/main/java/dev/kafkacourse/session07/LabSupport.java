package dev.kafkacourse.session07;

import dev.kafkacourse.support.kafka.Offsets;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;

/** Small measuring helpers the labs share. */
final class LabSupport {

    private LabSupport() {
    }

    /** Records on {@code topic}: the sum of its partitions' end offsets (nothing is deleted in a lab). */
    static long recordCount(Admin admin, String topic) {
        return Offsets.end(admin, topic).values().stream().mapToLong(Long::longValue).sum();
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
