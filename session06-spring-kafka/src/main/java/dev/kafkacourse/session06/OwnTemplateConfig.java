package dev.kafkacourse.session06;

import dev.kafkacourse.support.domain.AdEvent;
import dev.kafkacourse.support.domain.AdEventJson;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Lab 2's counter-example: a configuration that declares its own {@code KafkaTemplate} bean, the way most tutorials
 * do. Boot's {@code kafkaTemplate} is {@code @ConditionalOnMissingBean(KafkaTemplate.class)}, so with this class in the
 * context the default template is gone and everything that injected it gets this one.
 *
 * <p>Deliberately without {@code @Configuration}: component scanning would otherwise add it to every run of the app.
 * The lab adds it to one context explicitly; {@code @Bean} methods of a class registered that way still work.
 */
public class OwnTemplateConfig {

    @Bean
    KafkaTemplate<String, AdEvent> auditTemplate(KafkaProperties kafka) {
        return new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(kafka.buildProducerProperties(),
                new StringSerializer(), AdEventJson.serializer()));
    }
}
