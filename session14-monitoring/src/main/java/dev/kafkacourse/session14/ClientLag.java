package dev.kafkacourse.session14;

import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;

/**
 * Lag method 2: what the consumer itself reports in {@code metrics()}. {@code records-lag} (per partition) is the
 * high watermark minus the consumer's fetch position, measured when a fetch response arrives; {@code
 * records-lag-max} is the largest of those over the metrics window. Both are ahead of the committed offsets
 * (a consumer fetches ahead of what it processed) and say nothing once the consumer is gone.
 */
public final class ClientLag {

    private ClientLag() {
    }

    /** {@code records-lag-max} of the consumer, or NaN before its first fetch. */
    public static double recordsLagMax(Consumer<?, ?> consumer) {
        return value(consumer.metrics(), "records-lag-max");
    }

    /** The sum of {@code records-lag} over the consumer's partitions of {@code topic}. */
    public static double recordsLag(Consumer<?, ?> consumer, String topic) {
        return consumer.metrics().entrySet().stream()
                .filter(e -> e.getKey().group().equals("consumer-fetch-manager-metrics")
                        && e.getKey().name().equals("records-lag") && topic.equals(e.getKey().tags().get("topic")))
                .mapToDouble(e -> number(e.getValue())).filter(v -> !Double.isNaN(v)).sum();
    }

    private static double value(Map<MetricName, ? extends Metric> metrics, String name) {
        return metrics.entrySet().stream()
                .filter(e -> e.getKey().group().equals("consumer-fetch-manager-metrics")
                        && e.getKey().name().equals(name) && e.getKey().tags().get("topic") == null)
                .mapToDouble(e -> number(e.getValue())).findFirst().orElse(Double.NaN);
    }

    private static double number(Metric metric) {
        return metric.metricValue() instanceof Number number ? number.doubleValue() : Double.NaN;
    }
}
