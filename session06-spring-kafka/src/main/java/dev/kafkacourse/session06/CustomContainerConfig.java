package dev.kafkacourse.session06;

import dev.kafkacourse.support.domain.AdEvent;
import dev.kafkacourse.support.domain.AdEventJson;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.listener.ContainerProperties.AckMode;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.serializer.ErrorHandlingDeserializer;
import org.springframework.util.backoff.FixedBackOff;

/**
 * The custom container factory: a listener names it in {@code @KafkaListener(containerFactory = ...)} to get
 * <ul>
 *   <li>{@code concurrency} consumer threads (one per partition at most: more would sit idle),</li>
 *   <li>a batch listener: the method receives a poll's records as one {@code List},</li>
 *   <li>{@link AckMode#MANUAL}: nothing is committed until the listener calls {@code Acknowledgment.acknowledge()},</li>
 *   <li>its own consumer factory with {@link AdEventJson}'s deserializer behind an {@link ErrorHandlingDeserializer}.</li>
 * </ul>
 *
 * <p>The bean has its own name, so Boot's default {@code kafkaListenerContainerFactory} stays as it is. The consumer
 * factory is built inside the method rather than declared as a bean: a {@code ConsumerFactory} bean would make Boot
 * drop its own (auto-configuration backs off when the type exists), changing the default shape too.
 */
@Configuration(proxyBeanMethods = false)
public class CustomContainerConfig {

    /** The factory's bean name, for {@code @KafkaListener(containerFactory = CustomContainerConfig.BATCH_MANUAL_ACK)}. */
    public static final String BATCH_MANUAL_ACK = "batchManualAckFactory";

    @Bean(BATCH_MANUAL_ACK)
    ConcurrentKafkaListenerContainerFactory<String, AdEvent> batchManualAckFactory(KafkaProperties kafka,
            AdStatsProperties properties) {
        Map<String, Object> config = kafka.buildConsumerProperties();
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, properties.batch().maxPollRecords());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // A record that is not an AdEvent reaches a batch listener with a null value and the reason in a header,
        // instead of failing the whole poll.
        DefaultKafkaConsumerFactory<String, AdEvent> consumers = new DefaultKafkaConsumerFactory<>(config,
                new StringDeserializer(), new ErrorHandlingDeserializer<>(AdEventJson.deserializer()));

        ConcurrentKafkaListenerContainerFactory<String, AdEvent> factory = new ConcurrentKafkaListenerContainerFactory<>();
        factory.setConsumerFactory(consumers);
        factory.setConcurrency(properties.batch().concurrency());
        factory.setBatchListener(true);
        factory.getContainerProperties().setAckMode(AckMode.MANUAL);
        // A batch whose listener throws is tried twice more, then logged and skipped (session 16: a DLQ instead).
        factory.setCommonErrorHandler(new DefaultErrorHandler(new FixedBackOff(200, 2)));
        return factory;
    }
}
