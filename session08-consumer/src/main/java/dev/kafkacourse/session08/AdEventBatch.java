package dev.kafkacourse.session08;

import dev.kafkacourse.support.domain.AdEvent;
import dev.kafkacourse.support.domain.AdEventJson;
import dev.kafkacourse.support.domain.CampaignStats;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;

/**
 * One poll's records folded into what they add per campaign, with the records that were not valid events. Values
 * are parsed here rather than in a Kafka deserializer: a deserializer that throws makes {@code poll()} fail on the
 * same record forever, while here a bad record is set aside and the partition moves on.
 */
record AdEventBatch(SortedMap<String, CampaignStats> delta, int events, List<SkippedRecord> skipped,
        Map<TopicPartition, Long> nextOffsets) {

    static AdEventBatch fold(Iterable<ConsumerRecord<String, byte[]>> records) {
        TreeMap<String, CampaignStats> delta = new TreeMap<>();
        List<SkippedRecord> skipped = new ArrayList<>();
        Map<TopicPartition, Long> next = new HashMap<>();
        int events = 0;
        for (ConsumerRecord<String, byte[]> record : records) {
            next.merge(new TopicPartition(record.topic(), record.partition()), record.offset() + 1, Math::max);
            if (record.value() == null) {
                skipped.add(new SkippedRecord(record.topic(), record.partition(), record.offset(),
                        "null value (a tombstone is not an ad event)"));
                continue;
            }
            AdEvent event;
            try {
                event = AdEventJson.fromBytes(record.value());
            } catch (SerializationException e) {
                skipped.add(new SkippedRecord(record.topic(), record.partition(), record.offset(),
                        firstLine(e.getMessage())));
                continue;
            }
            delta.merge(event.campaignId(), CampaignStats.EMPTY.plus(event), CampaignStats::plus);
            events++;
        }
        return new AdEventBatch(Collections.unmodifiableSortedMap(delta), events, List.copyOf(skipped),
                Map.copyOf(next));
    }

    /** Jackson appends the parser location on further lines; the first line says what is wrong. */
    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
