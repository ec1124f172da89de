package dev.kafkacourse.session20;

import dev.kafkacourse.session13.Campaign;
import dev.kafkacourse.session13.CampaignJson;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Every campaign's latest version from session 13's compacted {@code campaigns} topic, kept up to date by a
 * consumer of its own: all partitions assigned (every instance needs every campaign), read from the beginning,
 * no group, no commits. A tombstone removes the campaign.
 */
public final class CampaignDirectory implements AutoCloseable {

    private final Map<String, Campaign> campaigns = new ConcurrentHashMap<>();
    private final KafkaConsumer<String, Campaign> consumer;
    private final Thread reader;
    private volatile boolean running = true;

    public CampaignDirectory(Map<String, Object> clientConfig, String topic) {
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        consumer = new KafkaConsumer<>(config, new StringDeserializer(), CampaignJson.deserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        reader = new Thread(this::read, "campaign-directory");
        reader.setDaemon(true);
        reader.start();
    }

    public Optional<Campaign> campaign(String id) {
        return Optional.ofNullable(campaigns.get(id));
    }

    public Map<String, Campaign> all() {
        return Map.copyOf(campaigns);
    }

    private void read() {
        try {
            while (running) {
                for (ConsumerRecord<String, Campaign> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.value() == null) {
                        campaigns.remove(record.key());
                    } else {
                        campaigns.put(record.key(), record.value());
                    }
                }
            }
        } catch (WakeupException e) {
            // close() asked us to stop
        } catch (RuntimeException e) {
            if (running) {
                org.slf4j.LoggerFactory.getLogger(CampaignDirectory.class).error("campaigns reader stopped", e);
            }
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            reader.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
