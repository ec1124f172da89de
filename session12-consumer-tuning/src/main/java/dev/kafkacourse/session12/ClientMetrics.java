package dev.kafkacourse.session12;

import java.util.Map;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;

/** Reads a consumer's own metrics ({@code consumer.metrics()}): the numbers its JMX beans and dashboards show. */
final class ClientMetrics {

    static final String FETCH_MANAGER = "consumer-fetch-manager-metrics";

    private ClientMetrics() {
    }

    /** The client-wide value of {@code name} in {@code group} (no topic or partition tag); NaN when absent. */
    static double clientWide(Map<MetricName, ? extends Metric> metrics, String group, String name) {
        for (Map.Entry<MetricName, ? extends Metric> entry : metrics.entrySet()) {
            MetricName metric = entry.getKey();
            if (metric.group().equals(group) && metric.name().equals(name) && !metric.tags().containsKey("topic")) {
                return number(entry.getValue());
            }
        }
        return Double.NaN;
    }

    /** The value of {@code name} for one partition ({@code records-lag}, {@code records-lead}); NaN when absent. */
    static double ofPartition(Map<MetricName, ? extends Metric> metrics, String name, String topic, int partition) {
        for (Map.Entry<MetricName, ? extends Metric> entry : metrics.entrySet()) {
            MetricName metric = entry.getKey();
            if (metric.group().equals(FETCH_MANAGER) && metric.name().equals(name)
                    && topic.equals(metric.tags().get("topic"))
                    && String.valueOf(partition).equals(metric.tags().get("partition"))) {
                return number(entry.getValue());
            }
        }
        return Double.NaN;
    }

    private static double number(Metric metric) {
        Object value = metric.metricValue();
        return value instanceof Number number ? number.doubleValue() : Double.NaN;
    }
}
