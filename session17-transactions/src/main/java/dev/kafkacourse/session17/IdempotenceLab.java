package dev.kafkacourse.session17;

import dev.kafkacourse.support.domain.AdEvent;
import dev.kafkacourse.support.domain.AdEventGenerator;
import dev.kafkacourse.support.domain.AdEventJson;
import dev.kafkacourse.support.domain.AdEventRecords;
import dev.kafkacourse.support.kafka.KafkaFixture;
import ch.qos.logback.classic.Level;
import dev.kafkacourse.support.lab.LabLogs;
import dev.kafkacourse.support.lab.LabRunner;
import java.io.PrintStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Lab: the same events sent twice through a proxy that loses one produce response (the broker wrote the batch,
 * the producer never heard so). The producer retries the batch: without idempotence the broker writes it again and
 * the topic holds duplicates; with {@code enable.idempotence=true} the broker recognises the retried batch by its
 * producer id and sequence number and keeps one copy.
 */
public final class IdempotenceLab {

    private IdempotenceLab() {
    }

    /** One run: the producer's settings, what the proxy dropped and what reached the topic. */
    record Run(boolean idempotent, int sent, int dropped, double retries, int stored, int distinct) {
        int duplicates() {
            return stored - distinct;
        }
    }

    /** What the lab observed. */
    record Result(Run withoutIdempotence, Run withIdempotence) {
    }

    public static void main(String[] args) {
        // The lab provokes these on purpose; its own output says what happened.
        LabLogs.quiet(Map.of("org.apache.kafka.clients.producer.internals.Sender", Level.ERROR));
        LabRunner.run("session17 idempotence", IdempotenceLab::run);
    }

    static Result run(KafkaFixture kafka, PrintStream out) {
        if (!plaintext(kafka)) {
            out.println("This lab puts a plaintext TCP proxy between the producer and the broker, and the selected "
                    + "cluster uses TLS or SASL (KAFKA_CLIENT_CONFIG). Run it on the embedded broker: "
                    + "KAFKA_MODE=embedded ./course lab 17 idempotence");
            return null;
        }
        List<AdEvent> events = AdEventGenerator.builder().seed(1701).impressions(200).campaigns(4).build().generate()
                .distinctEvents();
        out.printf("Sending %d events twice through a proxy that loses the broker's answer to one produce "
                + "request%n%n", events.size());
        Run plain = send(kafka, events, false);
        Run idempotent = send(kafka, events, true);
        out.println("enable.idempotence  sent  responses lost  retries  records in topic  distinct  duplicates");
        for (Run run : List.of(plain, idempotent)) {
            out.printf("%-18s  %4d  %14d  %7.0f  %16d  %8d  %10d%n", run.idempotent(), run.sent(), run.dropped(),
                    run.retries(), run.stored(), run.distinct(), run.duplicates());
        }
        return new Result(plain, idempotent);
    }

    private static Run send(KafkaFixture kafka, List<AdEvent> events, boolean idempotent) {
        String topic = kafka.createTopic("ad-events", 1);
        try (ResponseDroppingProxy proxy = new ResponseDroppingProxy(kafka.bootstrapServers())) {
            Map<String, Object> config = new HashMap<>();
            config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, proxy.bootstrapServers());
            config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, idempotent);
            config.put(ProducerConfig.ACKS_CONFIG, "all");
            config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
            config.put(ProducerConfig.RETRY_BACKOFF_MS_CONFIG, 50);
            int half = events.size() / 2;
            double retries;
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(),
                    new StringSerializer())) {
                AdEventRecords.sendAll(producer, topic, events.subList(0, half));
                proxy.dropNextProduceResponse();
                // The first request of this half is written by the broker, its answer lost, then retried.
                AdEventRecords.sendAll(producer, topic, events.subList(half, events.size()));
                retries = metric(producer.metrics(), "record-retry-total");
            }
            List<String> values = TopicReader.readAll(kafka.commonConfig(), topic, IsolationLevel.READ_UNCOMMITTED)
                    .stream().map(record -> record.value()).toList();
            int distinct = (int) values.stream().map(v -> AdEventJson.fromBytes(v.getBytes()).eventId()).distinct()
                    .count();
            return new Run(idempotent, events.size(), proxy.droppedResponses(), retries, values.size(), distinct);
        }
    }

    /** Whether clients reach the cluster without TLS or SASL, which the proxy cannot speak. */
    static boolean plaintext(KafkaFixture kafka) {
        Object protocol = kafka.commonConfig().get(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG);
        return protocol == null || protocol.toString().equalsIgnoreCase("PLAINTEXT");
    }

    private static double metric(Map<MetricName, ? extends Metric> metrics, String name) {
        return metrics.entrySet().stream()
                .filter(e -> e.getKey().name().equals(name) && e.getKey().group().equals("producer-metrics"))
                .mapToDouble(e -> ((Number) e.getValue().metricValue()).doubleValue()).findFirst().orElse(-1);
    }
}
