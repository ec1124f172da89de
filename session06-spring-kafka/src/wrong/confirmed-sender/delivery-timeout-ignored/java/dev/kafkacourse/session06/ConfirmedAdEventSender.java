// Known-wrong answer: Applies the timeout to max.block.ms and the wait but not to delivery.timeout.ms: after a reported failure the producer keeps retrying for 2 minutes and the record can still land
package dev.kafkacourse.session06;

import dev.kafkacourse.support.domain.AdEvent;
import dev.kafkacourse.support.domain.AdEventJson;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.ProducerListener;

/** A wrong answer to exercise 2: see the first line. */
public final class ConfirmedAdEventSender implements AutoCloseable {

    private final String topic;
    private final Duration timeout;
    private final DefaultKafkaProducerFactory<String, AdEvent> producerFactory;
    private final KafkaTemplate<String, AdEvent> template;
    private final AtomicLong acknowledged = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();

    public ConfirmedAdEventSender(Map<String, Object> producerConfig, String topic, Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, was " + timeout
                    + " (set adstats.confirmed.timeout)");
        }
        this.topic = topic;
        this.timeout = timeout;
        Map<String, Object> config = new HashMap<>(producerConfig);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        int timeoutMs = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
        // A missing topic blocks send() on metadata for max.block.ms: bound it, or the caller waits 60 s.
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeoutMs);
        // When we report a failure the producer must have given up too, or the record could still land later.
        // Each send waits for its own ack: lingering for a batch would only add latency.
        config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "ad-confirmed-sender");
        // Serializer instances win over the class names application.yml gives the default template.
        producerFactory = new DefaultKafkaProducerFactory<>(config, new StringSerializer(), AdEventJson.serializer());
        template = new KafkaTemplate<>(producerFactory);
        template.setProducerListener(new ProducerListener<>() {
            @Override
            public void onSuccess(ProducerRecord<String, AdEvent> record, RecordMetadata metadata) {
                acknowledged.incrementAndGet();
            }

            @Override
            public void onError(ProducerRecord<String, AdEvent> record, RecordMetadata metadata, Exception exception) {
                failed.incrementAndGet();
            }
        });
    }

    public SendConfirmation send(AdEvent event) {
        ProducerRecord<String, AdEvent> record =
                new ProducerRecord<>(topic, null, event.timestamp(), event.campaignId(), event);
        try {
            // delivery.timeout.ms bounds the producer; the extra second lets its own, more telling error arrive first.
            RecordMetadata metadata = template.send(record)
                    .get(timeout.toMillis() + 1_000, TimeUnit.MILLISECONDS).getRecordMetadata();
            return new SendConfirmation(metadata.topic(), metadata.partition(), metadata.offset());
        } catch (ExecutionException e) {
            throw failure(event, e.getCause());
        } catch (TimeoutException e) {
            throw failure(event, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure(event, e);
        } catch (org.springframework.kafka.KafkaException | org.apache.kafka.common.KafkaException e) {
            // A failure the producer knows at once (no metadata for the topic, record over max.request.size) is
            // thrown by send() itself rather than completing the future.
            throw failure(event, e);
        }
    }

    public SendOutcomes outcomes() {
        return new SendOutcomes(acknowledged.get(), failed.get());
    }

    public KafkaTemplate<String, AdEvent> template() {
        return template;
    }

    public String topic() {
        return topic;
    }

    @Override
    public void close() {
        producerFactory.destroy();
    }

    private AdEventSendException failure(AdEvent event, Throwable error) {
        Throwable reason = kafkaReason(error);
        return new AdEventSendException("Ad event " + event.eventId() + " (campaign " + event.campaignId()
                + ") was not confirmed by topic '" + topic + "': " + reason.getClass().getSimpleName() + ": "
                + reason.getMessage() + advice(reason), reason);
    }

    private static String advice(Throwable reason) {
        if (reason instanceof RecordTooLargeException) {
            return " The record is larger than the topic's max.message.bytes (or the producer's max.request.size):"
                    + " raise the limit or send smaller events.";
        }
        if (reason.getCause() instanceof UnknownTopicOrPartitionException
                || String.valueOf(reason.getMessage()).contains("not present in metadata")) {
            return " Does the topic exist? Automatic topic creation is off (as on MSK): create it first"
                    + " (a NewTopic bean or Admin), and check the topic name.";
        }
        return "";
    }

    /**
     * The first exception of Kafka's own client in the chain: Spring's wrappers (KafkaException "Send failed",
     * KafkaProducerException) say less, and the very root can be too deep (UnknownTopicOrPartitionException under
     * "Topic ... not present in metadata after 10000 ms").
     */
    private static Throwable kafkaReason(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof org.apache.kafka.common.KafkaException) {
                return t;
            }
        }
        return error;
    }
}
