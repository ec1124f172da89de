package dev.kafkacourse.session06;

import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;

/**
 * The app's topics as {@link NewTopic} beans. Boot's {@code KafkaAdmin} creates the missing ones when the context
 * starts, before any listener subscribes: on MSK, where {@code auto.create.topics.enable} is false, a service that
 * declares its topics cannot start against a cluster that lacks them.
 */
@Configuration(proxyBeanMethods = false)
public class AdTopicsConfig {

    @Bean
    NewTopic adEventsTopic(AdStatsProperties properties) {
        AdStatsProperties.Topics topics = properties.topics();
        TopicBuilder topic = TopicBuilder.name(topics.events()).partitions(topics.partitions());
        if (topics.replicas() > 0) {
            topic.replicas(topics.replicas());
        }
        return topic.build();
    }
}
