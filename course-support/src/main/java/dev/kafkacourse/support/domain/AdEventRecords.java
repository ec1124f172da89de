package dev.kafkacourse.support.domain;

import dev.kafkacourse.support.kafka.Sends;
import java.util.List;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Ad events as records on {@code ad-events}, the way the pipeline's collector sends them: key = campaignId (a
 * campaign's events stay in one partition, in order), record timestamp = event time (so {@code offsetsForTimes},
 * retention and windows work on when things happened).
 */
public final class AdEventRecords {

    private AdEventRecords() {
    }

    public static ProducerRecord<String, String> toRecord(String topic, AdEvent event) {
        return new ProducerRecord<>(topic, null, event.timestamp(), event.campaignId(), AdEventJson.toJson(event));
    }

    /** A generated record as it came in: JSON bytes, or a malformed record's broken bytes. */
    public static ProducerRecord<String, byte[]> toRecord(String topic, GeneratedRecord record) {
        Long timestamp = record.event() == null ? null : record.event().timestamp();
        return new ProducerRecord<>(topic, null, timestamp, record.key(), record.value());
    }

    /** Sends every event and waits until the broker acknowledged all of them ({@link Sends#all}). */
    public static int sendAll(Producer<String, String> producer, String topic, List<AdEvent> events) {
        return Sends.all(producer, events.stream().map(event -> toRecord(topic, event)).toList());
    }

    /** Sends generated records, malformed ones included, and waits until all were acknowledged. */
    public static int sendGenerated(Producer<String, byte[]> producer, String topic, List<GeneratedRecord> records) {
        return Sends.all(producer, records.stream().map(record -> toRecord(topic, record)).toList());
    }
}
