package dev.kafkacourse.session06;

import dev.kafkacourse.support.domain.AdEvent;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import org.springframework.stereotype.Component;

/**
 * Publishes ad events with the default template: the {@link KafkaTemplate} Spring Boot builds from
 * {@code spring.kafka.producer.*} in application.yml. No producer code in the app at all: serializers, acks and
 * linger.ms are properties.
 */
@Component
public class AdEventPublisher {

    private final KafkaTemplate<String, AdEvent> template;
    private final String topic;

    public AdEventPublisher(KafkaTemplate<String, AdEvent> template, AdStatsProperties properties) {
        this.template = template;
        this.topic = properties.topics().events();
    }

    /** Sends one event, key = campaignId (per-campaign order), record timestamp = event time. */
    public CompletableFuture<SendResult<String, AdEvent>> publish(AdEvent event) {
        return template.send(new ProducerRecord<>(topic, null, event.timestamp(), event.campaignId(), event));
    }

    /** Sends every event and returns once the broker has acknowledged all of them; the first failure is thrown. */
    public void publishAll(List<AdEvent> events) {
        CompletableFuture<?>[] sends = events.stream().map(this::publish).toArray(CompletableFuture[]::new);
        CompletableFuture.allOf(sends).join();
    }

    public String topic() {
        return topic;
    }

    public KafkaTemplate<String, AdEvent> template() {
        return template;
    }
}
