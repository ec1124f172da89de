package dev.kafkacourse.session16;

import dev.kafkacourse.support.domain.AdEvent;
import dev.kafkacourse.support.domain.AdEventGenerator;
import dev.kafkacourse.support.domain.AdEventJson;
import dev.kafkacourse.support.domain.AdEventRecords;
import dev.kafkacourse.support.domain.GeneratedEvents;
import dev.kafkacourse.support.domain.GeneratedRecord;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Ad traffic with every kind of poison pill, laid out so that no lucky ordering hides a mistake: the generator's
 * malformed records (truncated JSON, CSV, a missing campaignId, an unknown type, a negative cost), events for a
 * campaign that does not exist, and in every partition two bad records in a row at the very end, so a bad record
 * is not always followed by a good one and the last record of each partition is bad.
 *
 * @param records        what to send, in order
 * @param bad            how many of them must end in the DLQ
 * @param good           how many must be processed
 * @param knownCampaigns the campaigns that exist
 */
public record PoisonPillTraffic(List<ProducerRecord<String, byte[]>> records, int bad, int good,
        Set<String> knownCampaigns) {

    public static final String UNKNOWN_CAMPAIGN = "c-404";

    /** @param malformedRate the generator's share of events preceded by a malformed record */
    public static PoisonPillTraffic generate(String topic, int partitions, int impressions, double malformedRate,
            long seed) {
        int campaigns = 8;
        GeneratedEvents generated = AdEventGenerator.builder().seed(seed).impressions(impressions).campaigns(campaigns)
                .malformedRate(malformedRate).duplicateRate(0.02).build().generate();
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
        int bad = 0;
        int good = 0;
        int n = 0;
        for (GeneratedRecord record : generated.records()) {
            records.add(AdEventRecords.toRecord(topic, record));
            if (record.isMalformed()) {
                bad++;
            } else {
                good++;
                if (++n % 97 == 0) {         // now and then an event for a campaign nobody created
                    records.add(unknownCampaign(topic, record.event()));
                    bad++;
                }
            }
        }
        for (int partition = 0; partition < partitions; partition++) {
            byte[] truncated = "{\"eventId\":\"0b7c".getBytes(StandardCharsets.UTF_8);
            records.add(new ProducerRecord<>(topic, partition, null, null, truncated));
            records.add(new ProducerRecord<>(topic, partition, null, "c-001",
                    "impression,c-001,unparseable".getBytes(StandardCharsets.UTF_8)));
            bad += 2;
        }
        Set<String> known = new TreeSet<>();
        for (int rank = 1; rank <= campaigns; rank++) {
            known.add(AdEventGenerator.campaignId(rank));
        }
        return new PoisonPillTraffic(List.copyOf(records), bad, good, known);
    }

    private static ProducerRecord<String, byte[]> unknownCampaign(String topic, AdEvent template) {
        AdEvent event = new AdEvent(UUID.nameUUIDFromBytes(template.eventId().toString().getBytes(StandardCharsets.UTF_8)),
                template.type(), template.impressionId(), UNKNOWN_CAMPAIGN, UNKNOWN_CAMPAIGN + "-ad-1",
                template.userId(), template.timestamp(), template.country(), template.device(), template.costMicros());
        return new ProducerRecord<>(topic, null, event.timestamp(), event.campaignId(), AdEventJson.toBytes(event));
    }
}
