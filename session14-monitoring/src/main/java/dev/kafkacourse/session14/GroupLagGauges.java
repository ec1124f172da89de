package dev.kafkacourse.session14;

import dev.kafkacourse.support.kafka.KafkaFixture;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.util.List;
import java.util.Optional;

/**
 * Lag method 1, as a metric: {@code kafka_consumergroup_lag{group, topic, partition}} (the name the widely used
 * kafka_exporter gives it), read from outside the consumers with the code behind
 * {@code kafka-consumer-groups --describe}: end offset minus committed offset, per partition.
 */
public final class GroupLagGauges {

    public static final String NAME = "kafka.consumergroup.lag";

    private final KafkaFixture kafka;
    private final String group;
    private final MultiGauge gauge;
    private final Optional<String> commandConfig;
    private volatile long total;

    public GroupLagGauges(KafkaFixture kafka, String group, MeterRegistry registry) {
        this.kafka = kafka;
        this.group = group;
        this.gauge = MultiGauge.builder(NAME).description("end offset minus the group's committed offset")
                .register(registry); // no base unit: Prometheus would name it kafka_consumergroup_lag_records
        this.commandConfig = CommandConfig.file(kafka);
    }

    /** Reads the group's lag again and publishes it; returns the total over all partitions. */
    public long refresh() {
        try {
            List<ConsumerGroupsTool.Row> rows = ConsumerGroupsTool.describe(kafka.bootstrapServers(), group,
                    commandConfig).rows().stream().filter(row -> row.lag().isPresent()).toList();
            gauge.register(rows.stream().map(row -> MultiGauge.Row.of(Tags.of("group", group, "topic", row.topic(),
                    "partition", String.valueOf(row.partition())), row.lag().get())).toList(), true);
            total = rows.stream().mapToLong(row -> row.lag().get()).sum();
            return total;
        } catch (Exception e) {
            throw new IllegalStateException("cannot describe group " + group + ": " + e, e);
        }
    }

    public long total() {
        return total;
    }
}
