package dev.kafkacourse.session04;

import dev.kafkacourse.support.domain.AdEvent;
import dev.kafkacourse.support.domain.AdEventGenerator;
import dev.kafkacourse.support.domain.AdEventJson;
import dev.kafkacourse.support.domain.AdEventRecords;
import dev.kafkacourse.support.domain.CampaignStats;
import dev.kafkacourse.support.domain.GeneratedEvents;
import dev.kafkacourse.support.kafka.Consume;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The produce/consume code of the pipeline, written once: ad events produced and consumed back with whatever client
 * properties it is given. The labs run it unchanged over plaintext, TLS and SASL_SSL: only the profile changes.
 */
final class RoundTrip {

    /** What came back, and whether the per-campaign statistics equal the generator's. */
    record Outcome(int sent, int received, boolean statsMatch) {
    }

    private RoundTrip() {
    }

    static Outcome run(Map<String, Object> clientProperties, String topic, String group, int impressions, PrintStream out) {
        GeneratedEvents traffic = AdEventGenerator.builder().seed(4).impressions(impressions).campaigns(5).build().generate();
        List<AdEvent> events = traffic.distinctEvents();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(clientProperties, new StringSerializer(),
                new StringSerializer())) {
            AdEventRecords.sendAll(producer, topic, events);
        }
        Map<String, Object> consumerProps = new HashMap<>(clientProperties);
        consumerProps.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        consumerProps.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        Map<String, CampaignStats> stats = new TreeMap<>();
        int received;
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerProps, new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            List<ConsumerRecord<String, String>> records = Consume.records(consumer, events.size());
            received = records.size();
            for (ConsumerRecord<String, String> record : records) {
                AdEvent event = AdEventJson.fromBytes(record.value().getBytes(StandardCharsets.UTF_8));
                stats.merge(event.campaignId(), CampaignStats.EMPTY.plus(event), CampaignStats::plus);
            }
        }
        boolean match = stats.equals(traffic.expectedStats());
        out.printf("  produced %,d, consumed %,d, per-campaign stats equal the generator's: %s%n", events.size(),
                received, match ? "yes" : "NO");
        return new Outcome(events.size(), received, match);
    }
}
