package dev.kafkacourse.session06;

import dev.kafkacourse.support.domain.AdEvent;
import java.time.Duration;
import java.util.Map;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Exercise 2: a custom template for sends that must be confirmed. Billing-relevant events (a click is money) may not
 * vanish silently: the caller needs either the record's address in Kafka or a clear error it can act on.
 *
 * <p>The sender builds its own {@code DefaultKafkaProducerFactory<String, AdEvent>} (a {@code StringSerializer} for
 * keys, {@code AdEventJson.serializer()} for values) and its own {@code KafkaTemplate} on it, with a
 * {@code ProducerListener} that counts acknowledged and failed sends. The app creates it in
 * {@link ConfirmedSenderConfig}; it is not a {@code KafkaTemplate} bean itself, so Boot's default template stays.
 */
public final class ConfirmedAdEventSender implements AutoCloseable {

    private final Map<String, Object> producerConfig;
    private final String topic;
    private final Duration timeout;

    /**
     * Builds the producer factory and template from {@code producerConfig} (connection settings such as
     * {@code bootstrap.servers}; anything else in it may be overridden). The producer must use {@code acks=all} and
     * {@code enable.idempotence=true}, and give up within {@code timeout}: {@code max.block.ms} and
     * {@code delivery.timeout.ms} no longer than {@code timeout} (and {@code request.timeout.ms} no longer than
     * {@code delivery.timeout.ms} minus {@code linger.ms}, which the producer checks).
     *
     * <p>The app creates this bean at start-up, before you have solved the exercise: keep the constructor free of
     * anything that throws for valid arguments.
     *
     * @throws IllegalArgumentException if {@code timeout} is not positive
     */
    public ConfirmedAdEventSender(Map<String, Object> producerConfig, String topic, Duration timeout) {
        this.producerConfig = producerConfig;
        this.topic = topic;
        this.timeout = timeout;
        // TODO session06 exercise 2: build a DefaultKafkaProducerFactory with your overrides and serializer
        //  instances, a KafkaTemplate on it, and set a ProducerListener that counts onSuccess / onError.
    }

    /**
     * Sends {@code event} to the topic (key = campaignId, record timestamp = event time) and waits until the broker
     * has acknowledged it.
     *
     * @return where the record was stored
     * @throws AdEventSendException if the send fails or is not confirmed in time: the message names the event id,
     *                              the topic and the reason (for a record the broker rejects as too large, it names
     *                              {@code max.message.bytes}); the cause is the Kafka exception behind it
     */
    public SendConfirmation send(AdEvent event) {
        // TODO session06 exercise 2: template.send(record).get(...) and turn its RecordMetadata into a
        //  SendConfirmation. Failures come two ways: send() itself throws a KafkaException when the producer knows
        //  at once (no metadata for the topic), and the future fails with an ExecutionException otherwise.
        throw new UnsupportedOperationException("TODO session06 exercise 2: implement ConfirmedAdEventSender.send");
    }

    /** What the template's {@code ProducerListener} has counted so far. */
    public SendOutcomes outcomes() {
        throw new UnsupportedOperationException("TODO session06 exercise 2: count outcomes in a ProducerListener");
    }

    /** The custom template (for inspection: its producer factory's configuration). */
    public KafkaTemplate<String, AdEvent> template() {
        throw new UnsupportedOperationException("TODO session06 exercise 2: build the custom KafkaTemplate");
    }

    public String topic() {
        return topic;
    }

    /** Closes the producer (the bean's destroy method). */
    @Override
    public void close() {
        // TODO session06 exercise 2: destroy the producer factory, which closes its producer.
    }
}
