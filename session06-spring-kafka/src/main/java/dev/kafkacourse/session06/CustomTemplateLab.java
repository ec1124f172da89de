package dev.kafkacourse.session06;

import dev.kafkacourse.support.domain.AdEvent;
import dev.kafkacourse.support.domain.AdEventGenerator;
import dev.kafkacourse.support.domain.AdEventJson;
import dev.kafkacourse.support.domain.GeneratedEvents;
import dev.kafkacourse.support.kafka.KafkaFixture;
import dev.kafkacourse.support.lab.LabRunner;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeSet;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.KafkaException;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Lab 2: a custom template. Its own {@link DefaultKafkaProducerFactory} (the course's {@link AdEventJson} serializer,
 * lz4 compression, a longer linger, its own client id, a short {@code max.block.ms}) and a {@link SendStatsListener}
 * that sees every outcome. The app's default listener reads what it wrote, although the default template writes with
 * another serializer: the JSON on the wire is the contract, not the Java class. Last, the lab shows why the app does
 * not declare such a template as a bean: Boot's own {@code kafkaTemplate} then disappears.
 */
public final class CustomTemplateLab {

    private CustomTemplateLab() {
    }

    /** What the lab observed. */
    record Result(int sent, SortedMap<Integer, Long> acknowledgedPerPartition, List<String> failures,
            String sendError, long receivedByDefaultListener, boolean statsMatch, Set<String> templateBeans,
            Set<String> templateBeansWithOwnTemplate) {
    }

    public static void main(String[] args) {
        LabRunner.run("session06 custom-template", CustomTemplateLab::run);
    }

    static Result run(KafkaFixture kafka, PrintStream out) {
        GeneratedEvents traffic = AdEventGenerator.builder().seed(7).impressions(600).campaigns(5).build().generate();
        List<AdEvent> events = traffic.distinctEvents();
        String topic = kafka.topicName("ad-events");
        String missingTopic = kafka.topicName("ad-events-typo");
        Map<String, Object> names = Map.of("adstats.topics.events", topic, "adstats.groups.stats", kafka.groupId("ad-stats"));

        Result partial;
        try (ConfigurableApplicationContext app = AdStatsApp.start(kafka, names)) {
            // The connection settings come from the same spring.kafka.* keys; everything else is this template's own.
            Map<String, Object> config = app.getBean(KafkaProperties.class).buildProducerProperties();
            config.put(ProducerConfig.CLIENT_ID_CONFIG, "ad-audit");
            config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
            config.put(ProducerConfig.LINGER_MS_CONFIG, 20);
            config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 2_000);
            DefaultKafkaProducerFactory<String, AdEvent> factory =
                    new DefaultKafkaProducerFactory<>(config, new StringSerializer(), AdEventJson.serializer());
            KafkaTemplate<String, AdEvent> custom = new KafkaTemplate<>(factory);
            custom.setDefaultTopic(topic);
            SendStatsListener<String, AdEvent> sendStats = new SendStatsListener<>();
            custom.setProducerListener(sendStats);
            out.printf("Custom template: client.id=ad-audit, compression.type=lz4, linger.ms=20, max.block.ms=2000,"
                    + " default topic %s%n", topic);

            String sendError;
            try {
                events.forEach(e -> custom.sendDefault(null, e.timestamp(), e.campaignId(), e));
                custom.flush();
                Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> sendStats.acknowledged() >= events.size());
                out.printf("ProducerListener.onSuccess: %,d records, per partition %s%n", sendStats.acknowledged(),
                        sendStats.acknowledgedPerPartition());

                out.printf("%nSending one event to %s, which does not exist (auto-creation is off)...%n", missingTopic);
                sendError = sendToMissingTopic(custom, missingTopic, events.get(0));
                out.println("send() threw: " + sendError);
                sendStats.failures().forEach(f -> out.println("ProducerListener.onError: " + f));
            } finally {
                factory.destroy();
            }

            CampaignStatsListener stats = app.getBean(CampaignStatsListener.class);
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> stats.received() >= events.size());
            boolean match = stats.snapshot().equals(traffic.expectedStats());
            out.printf("%nThe default @KafkaListener (JacksonJsonDeserializer) read %,d events written with AdEventJson;"
                    + " totals match the generator: %s%n", stats.received(), match);

            Set<String> beans = new TreeSet<>(app.getBeansOfType(KafkaTemplate.class).keySet());
            out.printf("%nKafkaTemplate beans in the app: %s (the custom template is not a bean)%n", beans);
            partial = new Result(events.size(), sendStats.acknowledgedPerPartition(), sendStats.failures(), sendError,
                    stats.received(), match, beans, Set.of());
        }

        // Listeners stay stopped: this context is only inspected.
        Map<String, Object> quiet = new java.util.HashMap<>(names);
        quiet.put("spring.kafka.listener.auto-startup", false);
        try (ConfigurableApplicationContext withOwn = AdStatsApp.start(kafka, quiet, OwnTemplateConfig.class)) {
            Set<String> beans = new TreeSet<>(withOwn.getBeansOfType(KafkaTemplate.class).keySet());
            out.printf("KafkaTemplate beans with OwnTemplateConfig added: %s (Boot's kafkaTemplate backed off)%n", beans);
            return new Result(partial.sent(), partial.acknowledgedPerPartition(), partial.failures(),
                    partial.sendError(), partial.receivedByDefaultListener(), partial.statsMatch(),
                    partial.templateBeans(), beans);
        }
    }

    private static String sendToMissingTopic(KafkaTemplate<String, AdEvent> template, String topic, AdEvent event) {
        try {
            template.send(topic, event.campaignId(), event).join();
            return "nothing: the send succeeded";
        } catch (KafkaException e) {
            // The producer waited max.block.ms for the topic's metadata, then failed before returning a future.
            Throwable cause = e.getCause();
            return e.getMessage() + " <- " + cause + (cause.getCause() == null ? "" : " <- " + cause.getCause());
        } catch (RuntimeException e) {
            return e.toString();
        }
    }
}
