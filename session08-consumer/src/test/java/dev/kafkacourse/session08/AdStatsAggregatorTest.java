package dev.kafkacourse.session08;

import dev.kafkacourse.support.kafka.Offsets;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import dev.kafkacourse.support.domain.AdEventRecords;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kafkacourse.support.domain.AdEventGenerator;
import dev.kafkacourse.support.domain.GeneratedEvents;
import dev.kafkacourse.support.domain.GeneratedRecord;
import dev.kafkacourse.support.kafka.KafkaFixture;
import dev.kafkacourse.support.kafka.KafkaTest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** The reusable aggregator (session 20 builds on it): its settings checks and its exactness while a group changes. */
@KafkaTest
class AdStatsAggregatorTest {

    @Test
    void autoCommitIsRejectedNamingTheSettingAndTheFix(KafkaFixture kafka) {
        Map<String, Object> config = new HashMap<>(kafka.consumerConfig(kafka.groupId("ad-stats")));
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "true");

        assertThatThrownBy(() -> AdStatsAggregator.builder(config, "ad-events").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("enable.auto.commit=false");
    }

    @Test
    void aMissingGroupIdIsRejectedNamingTheSetting(KafkaFixture kafka) {
        Map<String, Object> config = new HashMap<>(kafka.consumerConfig("unused"));
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);

        assertThatThrownBy(() -> AdStatsAggregator.builder(config, "ad-events").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("group.id");
    }

    @Test
    void membersJoiningAndLeavingWhileEventsFlowChangeNoTotal(KafkaFixture kafka) {
        GeneratedEvents traffic = AdEventGenerator.builder().seed(804).impressions(1_500).campaigns(10)
                .malformedRate(0.01).build().generate();
        List<GeneratedRecord> records = traffic.records();
        int third = records.size() / 3;
        String topic = kafka.createTopic("ad-events", 4);
        String group = kafka.groupId("ad-stats");
        KafkaProducer<String, byte[]> producer = kafka.producer(new StringSerializer(), new ByteArraySerializer());

        List<AdStatsAggregator> all = new ArrayList<>();
        List<AdStatsAggregator> running = new ArrayList<>();
        for (int i = 1; i <= 2; i++) {
            AdStatsAggregator member = kafka.track(AdStatsAggregator.builder(
                    Members.config(kafka, group, "m" + i, Strategy.COOPERATIVE_STICKY), topic).build()).start();
            all.add(member);
            running.add(member);
        }
        Members.await("two members settled", running, () -> Members.settled(running, 4));
        AdEventRecords.sendGenerated(producer, topic, records.subList(0, third));

        // A third member joins while the first third is being read, and the second third arrives.
        AdStatsAggregator joining = kafka.track(AdStatsAggregator.builder(
                Members.config(kafka, group, "m3", Strategy.COOPERATIVE_STICKY), topic).build()).start();
        all.add(joining);
        running.add(joining);
        AdEventRecords.sendGenerated(producer, topic, records.subList(third, 2 * third));
        Members.await("three members settled", running, () -> Members.settled(running, 4));

        // The first member leaves; the last third arrives.
        running.remove(0).close();
        AdEventRecords.sendGenerated(producer, topic, records.subList(2 * third, records.size()));
        Map<TopicPartition, Long> ends = Offsets.end(kafka.admin(), topic);
        Members.await("the remaining members read everything", running, () -> Members.caughtUp(running, ends));

        assertThat(CampaignTotals.merge(all.stream().map(AdStatsAggregator::snapshot).toList()))
                .isEqualTo(traffic.expectedStats());
        assertThat(all.stream().mapToLong(AdStatsAggregator::skippedCount).sum())
                .isEqualTo(traffic.count(GeneratedRecord.Kind.MALFORMED));
        assertThat(all).allSatisfy(member -> assertThat(member.failure()).isEmpty());
        running.forEach(AdStatsAggregator::close);
        assertThat(Offsets.committed(kafka.admin(), group)).isEqualTo(ends);
    }
}
