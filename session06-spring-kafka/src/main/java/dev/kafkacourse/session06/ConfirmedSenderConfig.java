package dev.kafkacourse.session06;

import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The custom template's home in the app: {@link ConfirmedAdEventSender} builds its own producer factory and
 * {@code KafkaTemplate} from the same {@code spring.kafka.*} connection settings. The bean's type is the sender, not
 * {@code KafkaTemplate}: a second {@code KafkaTemplate} bean would make Boot drop the default one
 * ({@code @ConditionalOnMissingBean(KafkaTemplate.class)}), and {@link AdEventPublisher} with it.
 */
@Configuration(proxyBeanMethods = false)
public class ConfirmedSenderConfig {

    @Bean(destroyMethod = "close")
    ConfirmedAdEventSender confirmedAdEventSender(KafkaProperties kafka, AdStatsProperties properties) {
        return new ConfirmedAdEventSender(kafka.buildProducerProperties(), properties.topics().events(),
                properties.confirmed().timeout());
    }
}
