package dev.kafkacourse.session09;

import dev.kafkacourse.support.domain.AdEvent;
import dev.kafkacourse.support.domain.AdEventJson;
import dev.kafkacourse.support.domain.AdEventRecords;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Ad events as records on {@code ad-events}: key = campaignId and record timestamp = event time, as in session 02. */
public final class CampaignRecords {

    private CampaignRecords() {
    }

    /** Keyed by campaign: the default partitioner hashes the key, so a campaign always lands in one partition. */
    public static ProducerRecord<String, String> keyed(String topic, AdEvent event) {
        return AdEventRecords.toRecord(topic, event);
    }

    /** Without a key: the producer is free to put the event in any partition. */
    public static ProducerRecord<String, String> unkeyed(String topic, AdEvent event) {
        return new ProducerRecord<>(topic, null, event.timestamp(), null, AdEventJson.toJson(event));
    }
}
