package dev.kafkacourse.session06;

import dev.kafkacourse.support.domain.AdEvent;
import dev.kafkacourse.support.domain.AdEventGenerator;
import dev.kafkacourse.support.domain.CampaignStats;
import dev.kafkacourse.support.domain.GeneratedEvents;
import dev.kafkacourse.support.kafka.KafkaFixture;
import dev.kafkacourse.support.kafka.Topics;
import dev.kafkacourse.support.lab.LabRunner;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.awaitility.Awaitility;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;

/**
 * Lab 1: the default shapes. The whole Kafka setup of the app is application.yml: Boot builds the
 * {@code KafkaTemplate} that {@link AdEventPublisher} uses and the listener container that calls
 * {@link CampaignStatsListener}, and {@code KafkaAdmin} creates the topic from a {@code NewTopic} bean. The lab starts
 * the app on the course cluster, publishes seeded traffic and checks the listener's totals against the generator.
 */
public final class DefaultAppLab {

    private DefaultAppLab() {
    }

    /** What the lab observed. */
    record Result(String topic, int partitions, Map<String, Object> templateConfig, int concurrency, String ackMode,
            boolean batchListener, int sent, long received, SortedMap<String, CampaignStats> consumedStats,
            SortedMap<String, CampaignStats> expectedStats) {
    }

    public static void main(String[] args) {
        LabRunner.run("session06 default-app", DefaultAppLab::run);
    }

    static Result run(KafkaFixture kafka, PrintStream out) {
        GeneratedEvents traffic = AdEventGenerator.builder().seed(6).impressions(2_000).campaigns(6).build().generate();
        List<AdEvent> events = traffic.distinctEvents();
        // Not created here: the app's NewTopic bean creates it. The fixture only makes the name unique.
        String topic = kafka.topicName("ad-events");

        long start = System.nanoTime();
        try (ConfigurableApplicationContext app = AdStatsApp.start(kafka, Map.of(
                "adstats.topics.events", topic,
                "adstats.groups.stats", kafka.groupId("ad-stats")))) {
            out.printf("Spring Boot app started in %d ms%n", (System.nanoTime() - start) / 1_000_000);

            TopicDescription description = Topics.describe(kafka.admin(), topic);
            out.printf("KafkaAdmin created %s from the NewTopic bean: %d partitions%n%n", topic,
                    description.partitions().size());

            KafkaTemplate<?, ?> template = app.getBean(KafkaTemplate.class);
            Map<String, Object> templateConfig = new TreeMap<>(template.getProducerFactory().getConfigurationProperties());
            out.println("Default template (bean 'kafkaTemplate', from spring.kafka.producer.*):");
            for (String key : List.of(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                    ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ProducerConfig.ACKS_CONFIG,
                    ProducerConfig.LINGER_MS_CONFIG)) {
                out.printf("  %-18s = %s%n", key, templateConfig.get(key));
            }

            ConcurrentKafkaListenerContainerFactory<?, ?> factory =
                    app.getBean("kafkaListenerContainerFactory", ConcurrentKafkaListenerContainerFactory.class);
            ConcurrentMessageListenerContainer<?, ?> container = (ConcurrentMessageListenerContainer<?, ?>)
                    app.getBean(KafkaListenerEndpointRegistry.class).getListenerContainer(CampaignStatsListener.ID);
            String ackMode = String.valueOf(container.getContainerProperties().getAckMode());
            boolean batch = Boolean.TRUE.equals(factory.isBatchListener());
            out.println("Default container (bean 'kafkaListenerContainerFactory', from spring.kafka.listener.*):");
            out.printf("  concurrency = %d, ack mode = %s, batch listener = %s, group = %s%n%n",
                    container.getConcurrency(), ackMode, batch, container.getGroupId());

            AdEventPublisher publisher = app.getBean(AdEventPublisher.class);
            long sendStart = System.nanoTime();
            publisher.publishAll(events);
            out.printf("Published %,d events with the default template in %d ms%n", events.size(),
                    (System.nanoTime() - sendStart) / 1_000_000);

            CampaignStatsListener listener = app.getBean(CampaignStatsListener.class);
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> listener.received() >= events.size());
            out.printf("The @KafkaListener received %,d; its consumer owns partitions %s%n%n", listener.received(),
                    container.getAssignedPartitions().stream().map(tp -> tp.partition()).sorted().toList());

            SortedMap<String, CampaignStats> stats = listener.snapshot();
            out.println("campaign  impressions  clicks    CTR   spend (micros)  matches generator");
            stats.forEach((campaign, s) -> out.printf("%-8s  %11d  %6d  %5.2f%%  %14d  %s%n", campaign,
                    s.impressions(), s.clicks(), 100 * s.ctr(), s.spendMicros(),
                    s.equals(traffic.expectedStats().get(campaign)) ? "yes" : "NO"));
            return new Result(topic, description.partitions().size(), templateConfig, container.getConcurrency(),
                    ackMode, batch, events.size(), listener.received(), stats, traffic.expectedStats());
        }
    }
}
