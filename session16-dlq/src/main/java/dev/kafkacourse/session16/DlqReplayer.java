package dev.kafkacourse.session16;

import dev.kafkacourse.support.kafka.Sends;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Sends selected dead letters back to the topic they came from, once the cause is fixed (the campaign now exists,
 * the sink is back): the original key, value and headers, plus {@value #REPLAYED_FROM} naming the original record
 * ({@code topic-partition@offset}).
 *
 * <p>Idempotent: before sending, it reads the target topic to its end and skips every dead letter whose original
 * record was already replayed, so running the tool twice (or a DLQ holding the same record twice) does not
 * duplicate anything. It reads with {@code assign}, without a consumer group, so it commits nothing and leaves the
 * DLQ as it was: the DLQ stays the record of what failed.
 *
 * <p>Two replayers running at the same moment could both miss each other's records; run one at a time.
 */
public final class DlqReplayer {

    /** Header on a replayed record: the original record it replays, {@code topic-partition@offset}. */
    public static final String REPLAYED_FROM = "replay.origin";

    private static final Duration READ_TIMEOUT = Duration.ofSeconds(60);

    /**
     * What a replay did.
     *
     * @param read            dead letters read from the DLQ
     * @param selected        of those, chosen by the filter
     * @param replayed        sent back to their topic now
     * @param alreadyReplayed selected but skipped: their original record had been replayed before
     * @param byReason        replayed, per failure kind
     * @param replayedOrigins the original records replayed now
     */
    public record Report(int read, int selected, int replayed, int alreadyReplayed, Map<FailureKind, Integer> byReason,
            List<String> replayedOrigins) {

        public String summary() {
            return String.format("read %d dead letters, selected %d, replayed %d, skipped %d already replayed %s",
                    read, selected, replayed, alreadyReplayed, byReason);
        }
    }

    private final Admin admin;
    private final Map<String, Object> clientConfig;
    private final Producer<String, byte[]> producer;

    /** @param clientConfig common client settings (bootstrap servers, security) for the reading consumers */
    public DlqReplayer(Admin admin, Map<String, Object> clientConfig, Producer<String, byte[]> producer) {
        this.admin = admin;
        this.clientConfig = Map.copyOf(clientConfig);
        this.producer = producer;
    }

    public Report replay(String dlqTopic, Predicate<DeadLetter> select) {
        List<DeadLetter> letters = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : readAll(dlqTopic)) {
            letters.add(DeadLetters.read(record));
        }
        List<DeadLetter> selected = letters.stream().filter(select).toList();
        Map<String, Set<String>> replayedBefore = new HashMap<>();
        List<ProducerRecord<String, byte[]>> toSend = new ArrayList<>();
        List<String> origins = new ArrayList<>();
        Map<FailureKind, Integer> byReason = new TreeMap<>();
        int skipped = 0;
        for (DeadLetter letter : selected) {
            Set<String> done = replayedBefore.computeIfAbsent(letter.originalTopic(), this::replayedOrigins);
            if (!done.add(letter.origin())) {
                skipped++;
                continue;
            }
            toSend.add(replayRecord(letter));
            origins.add(letter.origin());
            byReason.merge(letter.reason(), 1, Integer::sum);
        }
        Sends.all(producer, toSend);
        return new Report(letters.size(), selected.size(), toSend.size(), skipped, byReason, origins);
    }

    /** The origins named by {@value #REPLAYED_FROM} headers already on {@code topic}. */
    private Set<String> replayedOrigins(String topic) {
        Set<String> origins = new HashSet<>();
        for (ConsumerRecord<String, byte[]> record : readAll(topic)) {
            String origin = DeadLetters.text(record.headers(), REPLAYED_FROM);
            if (origin != null) {
                origins.add(origin);
            }
        }
        return origins;
    }

    private static ProducerRecord<String, byte[]> replayRecord(DeadLetter letter) {
        Headers headers = new RecordHeaders();
        for (Header header : letter.originalHeaders()) {
            // Retry bookkeeping of the failed run would make the record look half-retried: it starts afresh.
            if (!header.key().startsWith("retry.") && !header.key().equals(REPLAYED_FROM)) {
                headers.add(header);
            }
        }
        headers.add(REPLAYED_FROM, letter.origin().getBytes(StandardCharsets.UTF_8));
        return new ProducerRecord<>(letter.originalTopic(), null, letter.originalTimestamp(), letter.key(),
                letter.value(), headers);
    }

    private List<ConsumerRecord<String, byte[]>> readAll(String topic) {
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            return ReadToEnd.read(consumer, admin, topic, READ_TIMEOUT);
        }
    }
}
