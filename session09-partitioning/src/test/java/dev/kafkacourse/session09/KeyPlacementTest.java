package dev.kafkacourse.session09;

import dev.kafkacourse.support.kafka.Topics;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kafkacourse.support.domain.AdEventGenerator;
import dev.kafkacourse.support.kafka.KafkaFixture;
import dev.kafkacourse.support.kafka.KafkaTest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/** Exercise 3: KeyPlacement, checked against where a real producer puts the records. */
@KafkaTest
class KeyPlacementTest {

    private static final List<String> KEYS = keys();

    @Test
    void predictsThePartitionTheProducerPicks(KafkaFixture kafka) throws Exception {
        String topic = kafka.createTopic("ad-events", 4);

        Map<String, Integer> actual = sendOneEach(kafka.stringProducer(), topic);

        actual.forEach((key, partition) -> assertThat(KeyPlacement.partitionFor(key, 4)).as(key).isEqualTo(partition));
    }

    @Test
    void predictsWhichKeysMoveWhenPartitionsAreAdded(KafkaFixture kafka) throws Exception {
        String topic = kafka.createTopic("ad-events", 4);
        Map<String, Integer> before = sendOneEach(kafka.stringProducer(), topic);
        kafka.admin().createPartitions(Map.of(topic, NewPartitions.increaseTo(6))).all().get();
        Topics.awaitLeaders(kafka.admin(), topic, 6);
        // A new producer, so it sees 6 partitions without waiting for its metadata to age.
        Map<String, Integer> after = sendOneEach(kafka.stringProducer(), topic);

        List<KeyMove> actualMoves = new ArrayList<>();
        KEYS.forEach(key -> {
            if (!before.get(key).equals(after.get(key))) {
                actualMoves.add(new KeyMove(key, before.get(key), after.get(key)));
            }
        });
        assertThat(actualMoves).isNotEmpty();
        assertThat(KeyPlacement.movedKeys(KEYS, 4, 6)).containsExactlyElementsOf(actualMoves);
    }

    @Test
    void nothingMovesWhenTheCountStaysTheSame() {
        assertThat(KeyPlacement.movedKeys(KEYS, 6, 6)).isEmpty();
        assertThat(KeyPlacement.movedKeys(List.of(), 4, 6)).isEmpty();
    }

    @Test
    void aNullKeyOrNoPartitionsIsRejected() {
        assertThatThrownBy(() -> KeyPlacement.partitionFor(null, 6)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> KeyPlacement.partitionFor("c-001", 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> KeyPlacement.movedKeys(KEYS, 0, 6)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> KeyPlacement.movedKeys(KEYS, 6, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    /** Sends one record per key and returns the partition the producer chose for each, in key order. */
    private static Map<String, Integer> sendOneEach(KafkaProducer<String, String> producer, String topic)
            throws Exception {
        Map<String, Integer> partitions = new LinkedHashMap<>();
        for (String key : KEYS) {
            partitions.put(key, producer.send(new ProducerRecord<>(topic, key, "v")).get().partition());
        }
        return partitions;
    }

    /** Twenty campaign ids and a non-ASCII one: the key is hashed as UTF-8 bytes. */
    private static List<String> keys() {
        List<String> keys = new ArrayList<>(IntStream.rangeClosed(1, 20).mapToObj(AdEventGenerator::campaignId).toList());
        keys.add("캠페인-서울");
        return List.copyOf(keys);
    }
}
