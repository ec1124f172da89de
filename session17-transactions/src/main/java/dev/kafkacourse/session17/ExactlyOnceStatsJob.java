package dev.kafkacourse.session17;

import dev.kafkacourse.support.domain.AdEvent;
import dev.kafkacourse.support.domain.AdEventJson;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.FencedInstanceIdException;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.UnsupportedVersionException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The pipeline's exactly-once stats job: reads ad events from {@code ad-events}, and for every poll writes, in one
 * Kafka transaction, the per-campaign one-minute counts of that poll to {@code ad-stats-1m}, malformed records to
 * the dead-letter topic, one {@link AuditEntry} to the audit topic, and the input offsets it has consumed
 * ({@code sendOffsetsToTransaction}). Either all of it becomes visible to {@code read_committed} readers or none
 * of it does, so a crash at any moment leaves every input event counted exactly once among the committed
 * {@link WindowStats} records.
 *
 * <p>Why each setting matters:
 * <ul>
 *   <li>A stable {@code transactional.id} per instance: a restarted instance with the same id fences its dead
 *       predecessor and aborts the transaction it left open at once (instead of after
 *       {@code transaction.timeout.ms}), and a paused zombie with that id can no longer commit.</li>
 *   <li>{@code isolation.level=read_committed} on the input: events of an upstream transaction that was aborted are
 *       never counted.</li>
 *   <li>No consumer commits: the offsets are committed by the transaction, with the consumer's group metadata so
 *       that a member of an old group generation is fenced too (KIP-447).</li>
 *   <li>Static membership ({@code group.instance.id} = the transactional id): a restarted instance takes its
 *       partitions back at once instead of waiting for the dead member's session to time out.</li>
 * </ul>
 *
 * <p>The job is state-less between transactions (each transaction writes increments, not running totals), so it
 * needs nothing but Kafka to resume. Not thread-safe: one thread runs it.
 */
public final class ExactlyOnceStatsJob implements AutoCloseable {

    private final KafkaConsumer<String, byte[]> consumer;
    private final KafkaProducer<String, byte[]> producer;
    private final String transactionalId;
    private final String inputTopic;
    private final String statsTopic;
    private final String auditTopic;
    private final String deadLetterTopic;
    private final CrashPoint crashPoint;
    private final java.util.function.IntConsumer onCommit;

    private final AtomicLong committed = new AtomicLong();
    private final AtomicLong aborted = new AtomicLong();
    private final AtomicLong recordsProcessed = new AtomicLong();
    private final AtomicLong eventsCounted = new AtomicLong();
    private final AtomicLong malformed = new AtomicLong();
    private int transactionsInRun;
    private volatile KafkaException lastAbortCause;
    private boolean closed;

    private ExactlyOnceStatsJob(Builder builder) {
        this.transactionalId = builder.transactionalId;
        this.inputTopic = builder.inputTopic;
        this.statsTopic = builder.statsTopic;
        this.auditTopic = builder.auditTopic;
        this.deadLetterTopic = builder.deadLetterTopic;
        this.crashPoint = builder.crashPoint;
        this.onCommit = builder.onCommit;
        this.producer = new KafkaProducer<>(builder.producerConfig(), new StringSerializer(),
                new ByteArraySerializer());
        try {
            // First: fence any earlier instance with this id and abort what it left open, before reading offsets.
            producer.initTransactions();
            this.consumer = new KafkaConsumer<>(builder.consumerConfig(), new StringDeserializer(),
                    new ByteArrayDeserializer());
        } catch (RuntimeException e) {
            producer.close(Duration.ZERO);
            throw e;
        }
        consumer.subscribe(List.of(inputTopic));
    }

    /**
     * A job reading {@code inputTopic} and writing to {@code statsTopic} as {@code transactionalId}.
     * {@code clientConfig} holds the connection settings (bootstrap servers, security).
     */
    public static Builder builder(Map<String, Object> clientConfig, String inputTopic, String statsTopic,
            String transactionalId) {
        return new Builder(clientConfig, inputTopic, statsTopic, transactionalId);
    }

    /**
     * One poll, one transaction. Returns the number of input records the committed transaction covered (0 when the
     * poll was empty or the transaction had to be aborted; then the records are read again).
     *
     * @throws ProducerFencedException (or another fatal error) when a newer instance with the same transactional
     *                                 id has taken over: this instance must stop
     */
    public int processOnce(Duration pollTimeout) {
        ConsumerRecords<String, byte[]> records = consumer.poll(pollTimeout);
        if (records.isEmpty()) {
            return 0;
        }
        int transaction = ++transactionsInRun;
        Batch batch = Batch.fold(records);
        producer.beginTransaction();
        try {
            batch.windows.values().forEach(window -> producer.send(new ProducerRecord<>(statsTopic, null,
                    window.windowStart(), window.campaignId(), utf8(window.toJson()))));
            if (deadLetterTopic != null) {
                batch.malformed.forEach(bad -> producer.send(deadLetter(bad)));
            }
            if (auditTopic != null) {
                producer.send(new ProducerRecord<>(auditTopic, transactionalId, utf8(batch.audit(transactionalId,
                        transaction).toJson())));
            }
            crashIfDue(CrashPoint.Stage.AFTER_SEND, transaction);
            // The input offsets are committed by the transaction: next offset to read, i.e. last offset + 1.
            producer.sendOffsetsToTransaction(batch.nextOffsets, consumer.groupMetadata());
            crashIfDue(CrashPoint.Stage.AFTER_OFFSETS, transaction);
            producer.commitTransaction();
        } catch (ProducerFencedException | InvalidProducerEpochException | FencedInstanceIdException
                | OutOfOrderSequenceException | AuthorizationException | UnsupportedVersionException
                | TimeoutException e) {
            // Fatal for this instance: a newer one owns the transactional id (or the producer cannot go on).
            // Aborting is not allowed any more; the new owner has aborted our transaction already.
            throw e;
        } catch (KafkaException e) {
            // Abortable: nothing of this batch becomes visible. Read it again from its first offsets.
            producer.abortTransaction();
            batch.firstOffsets.forEach(consumer::seek);
            aborted.incrementAndGet();
            lastAbortCause = e;
            return 0;
        }
        committed.incrementAndGet();
        recordsProcessed.addAndGet(records.count());
        eventsCounted.addAndGet(batch.events);
        malformed.addAndGet(batch.malformed.size());
        onCommit.accept(records.count());
        crashIfDue(CrashPoint.Stage.AFTER_COMMIT, transaction);
        return records.count();
    }

    /**
     * Processes until this instance has read everything committed on its partitions (its position reached the
     * last stable offset of each). Returns the records processed in this call.
     *
     * @throws IllegalStateException if that does not happen within {@code maxTime}
     */
    public long runUntilCaughtUp(Duration maxTime) {
        long before = recordsProcessed.get();
        long deadline = System.nanoTime() + maxTime.toNanos();
        while (true) {
            int processed = processOnce(Duration.ofMillis(100));
            if (processed == 0 && caughtUp()) {
                return recordsProcessed.get() - before;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Job " + transactionalId + " did not catch up with " + inputTopic
                        + " within " + maxTime + " (processed " + (recordsProcessed.get() - before) + " records)");
            }
        }
    }

    /** Whether every assigned partition has been read up to its last stable offset (read_committed end). */
    public boolean caughtUp() {
        Set<TopicPartition> assignment = consumer.assignment();
        if (assignment.isEmpty()) {
            return false;
        }
        Map<TopicPartition, Long> ends = consumer.endOffsets(assignment);
        return assignment.stream().allMatch(tp -> consumer.position(tp) >= ends.get(tp));
    }

    public String transactionalId() {
        return transactionalId;
    }

    public long transactionsCommitted() {
        return committed.get();
    }

    public long transactionsAborted() {
        return aborted.get();
    }

    public long recordsProcessed() {
        return recordsProcessed.get();
    }

    public long eventsCounted() {
        return eventsCounted.get();
    }

    public long malformedRecords() {
        return malformed.get();
    }

    /** Why the last transaction was aborted, if one was. */
    public KafkaException lastAbortCause() {
        return lastAbortCause;
    }

    /**
     * Drops the clients the way a crash does: no abort of the open transaction, no leave-group. For in-JVM labs;
     * the real thing is a SIGKILL of the job's process.
     */
    public synchronized void closeAbruptly() {
        if (closed) {
            return;
        }
        closed = true;
        producer.close(Duration.ZERO);
        consumer.close(CloseOptions.timeout(Duration.ZERO));
    }

    /** A polite stop: an open transaction is aborted by the producer's close. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            producer.close(Duration.ofSeconds(10));
        } finally {
            consumer.close(CloseOptions.timeout(Duration.ofSeconds(10)));
        }
    }

    private void crashIfDue(CrashPoint.Stage stage, int transaction) {
        if (crashPoint != null && crashPoint.at(stage, transaction)) {
            if (stage == CrashPoint.Stage.AFTER_SEND) {
                producer.flush();   // the records are in the partition logs now, uncommitted
            }
            crashPoint.action().run();
        }
    }

    private ProducerRecord<String, byte[]> deadLetter(Malformed bad) {
        RecordHeaders headers = new RecordHeaders();
        headers.add("dlq.original.topic", utf8(bad.record.topic()));
        headers.add("dlq.original.partition", utf8(String.valueOf(bad.record.partition())));
        headers.add("dlq.original.offset", utf8(String.valueOf(bad.record.offset())));
        headers.add("dlq.reason", utf8(bad.reason));
        headers.add("dlq.failed.by", utf8(transactionalId));
        return new ProducerRecord<>(deadLetterTopic, null, bad.record.key(), bad.record.value(), headers);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private record Malformed(ConsumerRecord<String, byte[]> record, String reason) {
    }

    /** One poll folded: the window increments, the bad records, and where each partition's batch starts and ends. */
    private static final class Batch {
        final Map<String, WindowStats> windows = new TreeMap<>();
        final List<Malformed> malformed = new ArrayList<>();
        final Map<TopicPartition, Long> firstOffsets = new HashMap<>();
        final Map<TopicPartition, OffsetAndMetadata> nextOffsets = new HashMap<>();
        int records;
        int events;

        static Batch fold(ConsumerRecords<String, byte[]> records) {
            Batch batch = new Batch();
            for (ConsumerRecord<String, byte[]> record : records) {
                batch.records++;
                TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                batch.firstOffsets.putIfAbsent(partition, record.offset());
                batch.nextOffsets.put(partition, new OffsetAndMetadata(record.offset() + 1));
                AdEvent event;
                try {
                    if (record.value() == null) {
                        throw new SerializationException("Not a valid AdEvent: the value is null");
                    }
                    event = AdEventJson.fromBytes(record.value());
                } catch (SerializationException e) {
                    batch.malformed.add(new Malformed(record, e.getMessage()));
                    continue;
                }
                WindowStats window = WindowStats.windowOf(event);
                batch.windows.merge(event.campaignId() + "@" + window.windowStart(), window.plus(event),
                        (current, ignored) -> current.plus(event));
                batch.events++;
            }
            return batch;
        }

        AuditEntry audit(String transactionalId, int transaction) {
            Map<String, long[]> offsets = new LinkedHashMap<>();
            new TreeMap<String, TopicPartition>(firstOffsets.keySet().stream().collect(
                    java.util.stream.Collectors.toMap(TopicPartition::toString, tp -> tp))).forEach((name, tp) ->
                    offsets.put(name, new long[] {firstOffsets.get(tp), nextOffsets.get(tp).offset()}));
            return new AuditEntry(transactionalId, transaction, records, events, malformed.size(), windows.size(),
                    offsets);
        }
    }

    /** Settings of the job; everything but the connection, topics and transactional id has a default. */
    public static final class Builder {
        private final Map<String, Object> clientConfig;
        private final String inputTopic;
        private final String statsTopic;
        private final String transactionalId;
        private String groupId = "ad-stats-eos";
        private String auditTopic;
        private String deadLetterTopic;
        private int maxPollRecords = 500;
        private Duration transactionTimeout = Duration.ofSeconds(60);
        private boolean staticMembership = true;
        private CrashPoint crashPoint;
        private java.util.function.IntConsumer onCommit = records -> { };
        private final Map<String, Object> producerOverrides = new HashMap<>();

        private Builder(Map<String, Object> clientConfig, String inputTopic, String statsTopic,
                String transactionalId) {
            this.clientConfig = Map.copyOf(Objects.requireNonNull(clientConfig, "clientConfig"));
            this.inputTopic = Objects.requireNonNull(inputTopic, "inputTopic");
            this.statsTopic = Objects.requireNonNull(statsTopic, "statsTopic");
            if (transactionalId == null || transactionalId.isBlank()) {
                throw new IllegalArgumentException("transactional.id is missing: give each job instance a stable "
                        + "id (e.g. \"ad-stats-eos-1\") and keep it across restarts, so a restart fences the "
                        + "instance it replaces");
            }
            this.transactionalId = transactionalId;
        }

        /** The consumer group whose offsets the transactions commit (default "ad-stats-eos"). */
        public Builder groupId(String groupId) {
            this.groupId = Objects.requireNonNull(groupId, "groupId");
            return this;
        }

        /** Where one {@link AuditEntry} per transaction goes (default: none). */
        public Builder auditTopic(String topic) {
            this.auditTopic = topic;
            return this;
        }

        /** Where malformed input records go, in the same transaction (default: none, they are only counted). */
        public Builder deadLetterTopic(String topic) {
            this.deadLetterTopic = topic;
            return this;
        }

        /** At most this many input records per transaction (default 500). */
        public Builder maxPollRecords(int records) {
            if (records < 1) {
                throw new IllegalArgumentException("maxPollRecords must be at least 1, was " + records);
            }
            this.maxPollRecords = records;
            return this;
        }

        /**
         * How long the coordinator lets a transaction stay open before aborting it (default 60 s). A crashed
         * instance that never comes back blocks {@code read_committed} readers of its output partitions this long.
         */
        public Builder transactionTimeout(Duration timeout) {
            this.transactionTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /** Whether to join the group as static member {@code transactionalId} (default true: fast restarts). */
        public Builder staticMembership(boolean enabled) {
            this.staticMembership = enabled;
            return this;
        }

        /** Stop dead at this point of a transaction (to show what a crash there leaves behind). */
        public Builder crashPoint(CrashPoint crashPoint) {
            this.crashPoint = crashPoint;
            return this;
        }

        /** Told the number of input records after each commit (before an after-commit crash point). */
        public Builder onCommit(java.util.function.IntConsumer listener) {
            this.onCommit = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /** Extra producer settings, e.g. for a benchmark ({@code linger.ms}); the transactional ones win. */
        public Builder producerOverride(String key, Object value) {
            producerOverrides.put(key, value);
            return this;
        }

        public ExactlyOnceStatsJob build() {
            return new ExactlyOnceStatsJob(this);
        }

        Map<String, Object> producerConfig() {
            Map<String, Object> config = new HashMap<>(clientConfig);
            config.putAll(producerOverrides);
            config.put(ProducerConfig.CLIENT_ID_CONFIG, transactionalId + "-producer");
            config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
            config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            config.put(ProducerConfig.ACKS_CONFIG, "all");
            config.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, (int) transactionTimeout.toMillis());
            return config;
        }

        Map<String, Object> consumerConfig() {
            Map<String, Object> config = new HashMap<>(clientConfig);
            config.put(ConsumerConfig.CLIENT_ID_CONFIG, transactionalId + "-consumer");
            config.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
            config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
            config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
            config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, maxPollRecords);
            if (staticMembership) {
                config.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, transactionalId);
            }
            return config;
        }
    }
}
