// Known-wrong answer: never commits and trusts enable.auto.commit, which this consumer has off: a restart re-reads everything
package dev.kafkacourse.session08;

import dev.kafkacourse.support.domain.AdEvent;
import dev.kafkacourse.support.domain.AdEventJson;
import dev.kafkacourse.support.domain.CampaignStats;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;

/** A learner's answer to exercise 1 with a classic mistake (see the first line). */
public final class StatsPollLoop {

    private StatsPollLoop() {
    }

    public static PollOutcome pollOnce(Consumer<String, byte[]> consumer, StatsSink sink, Duration timeout) {
        ConsumerRecords<String, byte[]> records = consumer.poll(timeout);
        if (records.isEmpty()) {
            return PollOutcome.NOTHING;
        }
        Map<String, CampaignStats> delta = new TreeMap<>();
        Map<TopicPartition, OffsetAndMetadata> next = new HashMap<>();
        int events = 0;
        int skipped = 0;
        for (ConsumerRecord<String, byte[]> record : records) {
            // Records of one partition come in offset order: the last one seen wins.
            next.put(new TopicPartition(record.topic(), record.partition()), new OffsetAndMetadata(record.offset() + 1));
            AdEvent event = parse(record.value());
            if (event == null) {
                skipped++;
                continue;
            }
            delta.merge(event.campaignId(), CampaignStats.EMPTY.plus(event), CampaignStats::plus);
            events++;
        }
        if (!delta.isEmpty()) {
            sink.apply(delta);
        }
        // Kafka commits by itself (enable.auto.commit), so there is nothing to do here.
        return new PollOutcome(events, skipped, next);
    }

    private static AdEvent parse(byte[] value) {
        if (value == null) {
            return null;
        }
        try {
            return AdEventJson.fromBytes(value);
        } catch (SerializationException e) {
            return null;
        }
    }
}
