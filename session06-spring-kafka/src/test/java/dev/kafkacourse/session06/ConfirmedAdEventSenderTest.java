package dev.kafkacourse.session06;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kafkacourse.support.domain.AdEvent;
import dev.kafkacourse.support.domain.AdEventGenerator;
import dev.kafkacourse.support.domain.AdEventJson;
import dev.kafkacourse.support.domain.CampaignStats;
import dev.kafkacourse.support.domain.EventType;
import dev.kafkacourse.support.kafka.Consume;
import dev.kafkacourse.support.kafka.KafkaFixture;
import dev.kafkacourse.support.kafka.KafkaTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.core.KafkaTemplate;

/** Exercise 2: ConfirmedAdEventSender, as the app's bean and on its own, against the course broker. */
@KafkaTest
class ConfirmedAdEventSenderTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @Test
    void theAppsSenderReturnsWhereEachEventWasStored(KafkaFixture kafka) {
        List<AdEvent> events = AdEventGenerator.builder().seed(65).impressions(40).campaigns(4).build().generate()
                .distinctEvents();
        String topic = kafka.topicName("ad-events");

        try (ConfigurableApplicationContext app = AdStatsApp.start(kafka, Map.of(
                "adstats.topics.events", topic,
                "adstats.groups.stats", kafka.groupId("ad-stats")))) {
            ConfirmedAdEventSender sender = app.getBean(ConfirmedAdEventSender.class);
            List<SendConfirmation> confirmations = events.stream().map(sender::send).toList();

            // Each partition's offsets count up from 0 in send order, and a campaign stays in one partition.
            Map<Integer, List<Long>> offsetsPerPartition = new TreeMap<>();
            Map<String, Integer> partitionOfCampaign = new HashMap<>();
            for (int i = 0; i < events.size(); i++) {
                SendConfirmation confirmation = confirmations.get(i);
                assertThat(confirmation.topic()).isEqualTo(topic);
                assertThat(confirmation.partition()).isBetween(0, 2);
                offsetsPerPartition.computeIfAbsent(confirmation.partition(), p -> new ArrayList<>())
                        .add(confirmation.offset());
                assertThat(partitionOfCampaign.putIfAbsent(events.get(i).campaignId(), confirmation.partition()))
                        .isIn(null, confirmation.partition());
            }
            offsetsPerPartition.values().forEach(offsets -> assertThat(offsets)
                    .isEqualTo(java.util.stream.LongStream.range(0, offsets.size()).boxed().toList()));

            // The confirmed address holds the event: read it back from the broker.
            Map<String, UUID> stored = readBack(kafka, topic, events.size());
            for (int i = 0; i < events.size(); i++) {
                SendConfirmation c = confirmations.get(i);
                assertThat(stored.get(c.partition() + "@" + c.offset())).isEqualTo(events.get(i).eventId());
            }
            Awaitility.await("ProducerListener counts").atMost(PATIENCE)
                    .untilAsserted(() -> assertThat(sender.outcomes()).isEqualTo(new SendOutcomes(events.size(), 0)));

            // The app's default listener, reading with its JSON deserializer, got the same events.
            CampaignStatsListener stats = app.getBean(CampaignStatsListener.class);
            Map<String, CampaignStats> expected = new TreeMap<>();
            events.forEach(e -> expected.merge(e.campaignId(), CampaignStats.EMPTY.plus(e), CampaignStats::plus));
            Awaitility.await("the app's CampaignStatsListener").atMost(PATIENCE)
                    .untilAsserted(() -> assertThat(stats.snapshot()).isEqualTo(expected));
        }
    }

    @Test
    void theCustomTemplateHasItsOwnProducerFactoryThatGivesUpInTime(KafkaFixture kafka) {
        try (ConfigurableApplicationContext app = AdStatsApp.start(kafka, Map.of(
                "adstats.topics.events", kafka.topicName("ad-events"),
                "adstats.confirmed.timeout", "4s",
                "spring.kafka.listener.auto-startup", false))) {
            ConfirmedAdEventSender sender = app.getBean(ConfirmedAdEventSender.class);
            KafkaTemplate<?, ?> defaultTemplate = app.getBean("kafkaTemplate", KafkaTemplate.class);

            KafkaTemplate<String, AdEvent> custom = sender.template();
            assertThat(custom).isNotSameAs(defaultTemplate);
            assertThat(custom.getProducerFactory()).isNotSameAs(defaultTemplate.getProducerFactory());
            Map<String, Object> config = custom.getProducerFactory().getConfigurationProperties();
            assertThat(String.valueOf(config.get(ProducerConfig.ACKS_CONFIG))).isIn("all", "-1");
            assertThat(String.valueOf(config.get(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG))).isEqualTo("true");
            assertThat(millis(config, ProducerConfig.MAX_BLOCK_MS_CONFIG)).isBetween(1L, 4_000L);
            assertThat(millis(config, ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG)).isBetween(1L, 4_000L);
            assertThat(config.get(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG)).asString().contains(kafka.bootstrapServers());
        }
    }

    @Test
    void aMissingTopicFailsWithAnErrorNamingTheTopicAndTheEvent(KafkaFixture kafka) {
        String missing = kafka.topicName("ad-events-typo");
        AdEvent event = event("c-001", "ad-1");

        try (ConfirmedAdEventSender sender = new ConfirmedAdEventSender(kafka.producerConfig(), missing,
                Duration.ofSeconds(3))) {
            assertThatThrownBy(() -> sender.send(event))
                    .isInstanceOf(AdEventSendException.class)
                    .hasMessageContaining(missing)
                    .hasMessageContaining(event.eventId().toString())
                    // The cause is Kafka's own exception, not a wrapper a caller would have to dig through.
                    .cause().as("the cause of the AdEventSendException").isInstanceOf(TimeoutException.class);
            Awaitility.await("ProducerListener counts").atMost(PATIENCE)
                    .untilAsserted(() -> assertThat(sender.outcomes()).isEqualTo(new SendOutcomes(0, 1)));
        }
    }

    @Test
    void aRecordTheBrokerRejectsFailsClearlyAndTheSenderKeepsWorking(KafkaFixture kafka) {
        String topic = kafka.createTopic("ad-events-small", 1, kafka.defaultReplicationFactor(),
                Map.of("max.message.bytes", "1024"));
        AdEvent tooLarge = event("c-001", "creative-" + "x".repeat(4_000));
        AdEvent normal = event("c-001", "ad-1");

        try (ConfirmedAdEventSender sender = new ConfirmedAdEventSender(kafka.producerConfig(), topic,
                Duration.ofSeconds(10))) {
            assertThatThrownBy(() -> sender.send(tooLarge))
                    .isInstanceOf(AdEventSendException.class)
                    .hasMessageContaining(topic)
                    .hasMessageContaining(tooLarge.eventId().toString())
                    .hasMessageContaining("max.message.bytes")
                    .cause().as("the cause of the AdEventSendException").isInstanceOf(RecordTooLargeException.class);

            // Nothing was stored for the rejected record: the next one is the partition's first.
            assertThat(sender.send(normal)).isEqualTo(new SendConfirmation(topic, 0, 0));
            Awaitility.await("ProducerListener counts").atMost(PATIENCE)
                    .untilAsserted(() -> assertThat(sender.outcomes()).isEqualTo(new SendOutcomes(1, 1)));
        }
    }

    private static Map<String, UUID> readBack(KafkaFixture kafka, String topic, int count) {
        KafkaConsumer<String, byte[]> consumer = kafka.consumer(kafka.groupId("check"), new StringDeserializer(),
                new ByteArrayDeserializer());
        consumer.assign(List.of(new TopicPartition(topic, 0), new TopicPartition(topic, 1), new TopicPartition(topic, 2)));
        consumer.seekToBeginning(consumer.assignment());
        Map<String, UUID> stored = new HashMap<>();
        for (ConsumerRecord<String, byte[]> r : Consume.records(consumer, count)) {
            stored.put(r.partition() + "@" + r.offset(), AdEventJson.fromBytes(r.value()).eventId());
        }
        return stored;
    }

    private static AdEvent event(String campaignId, String adId) {
        return new AdEvent(UUID.randomUUID(), EventType.IMPRESSION, null, campaignId, adId, "u-1",
                System.currentTimeMillis(), "KR", "mobile", 1_500);
    }

    private static long millis(Map<String, Object> config, String key) {
        Object value = config.get(key);
        assertThat(value).as(key + " must be set on the custom producer factory").isNotNull();
        return Long.parseLong(value.toString());
    }
}
