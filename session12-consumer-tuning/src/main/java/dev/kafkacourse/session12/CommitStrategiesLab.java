package dev.kafkacourse.session12;

import dev.kafkacourse.support.domain.GeneratedEvents;
import dev.kafkacourse.support.kafka.KafkaFixture;
import dev.kafkacourse.support.kafka.Offsets;
import dev.kafkacourse.support.lab.LabRunner;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Lab: each commit strategy crashes in the middle of a poll's records, and a restarted instance takes over from
 * whatever the group had committed. The "database" ({@link EventSink}) survives the crash; comparing what it holds
 * with what the generator made counts, event by event, what was lost and what was applied twice.
 *
 * <p>The crash: the consumer stops mid-batch and its client is never closed, so nothing more is committed, as when
 * a process is killed. The restart uses the same {@code group.instance.id} (static membership): it replaces the
 * dead member at once instead of waiting for the group to notice it is gone ({@code session.timeout.ms}).
 */
public final class CommitStrategiesLab {

    static final int PARTITIONS = 3;
    static final int MAX_POLL_RECORDS = 100;
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private CommitStrategiesLab() {
    }

    /** One strategy's crash and restart. */
    record Run(CommitStrategy strategy, int appliedBeforeCrash, long committedAtCrash, int appliedAfterRestart,
            int skippedBySink, ProcessedLog.Accounting accounting) {
    }

    record Result(int generated, List<Run> runs) {
    }

    public static void main(String[] args) {
        int impressions = args.length > 0 ? Integer.parseInt(args[0]) : 1_000;
        LabRunner.run("session12 commit-strategies", (kafka, out) -> run(kafka, out, impressions));
    }

    static Result run(KafkaFixture kafka, PrintStream out, int impressions) {
        GeneratedEvents traffic = Traffic.clean(1212, impressions);
        int total = traffic.records().size();
        int crashAfter = total / 3;
        out.printf("%,d ad events (each sent once) per run, %d partitions, max.poll.records=%d; the consumer crashes "
                + "in the middle of a poll after applying %,d%n%n", total, PARTITIONS, MAX_POLL_RECORDS, crashAfter);
        List<Run> runs = new ArrayList<>();
        for (CommitStrategy strategy : CommitStrategy.values()) {
            runs.add(crashAndRestart(kafka, traffic, strategy, crashAfter));
        }
        out.println("strategy                                  applied   committed   applied after   skipped   lost  "
                + "duplicated");
        out.println("                                          before    at crash    restart         by sink");
        for (Run run : runs) {
            out.printf("%-40s  %7d   %9d   %13d   %7d   %4d  %10d%n", run.strategy().label(),
                    run.appliedBeforeCrash(), run.committedAtCrash(), run.appliedAfterRestart(), run.skippedBySink(),
                    run.accounting().lost(), run.accounting().duplicates());
        }
        out.printf("%nlost = generated events never applied; duplicated = applications beyond the first; both counted "
                + "event by event against the generator's %,d events%n", total);
        return new Result(total, runs);
    }

    static Run crashAndRestart(KafkaFixture kafka, GeneratedEvents traffic, CommitStrategy strategy, int crashAfter) {
        String topic = Traffic.produce(kafka, "ad-events", PARTITIONS, traffic);
        String group = kafka.groupId("stats-" + strategy.name().toLowerCase().replace('_', '-'));
        EventSink sink = new EventSink(strategy.idempotentSink());
        Map<String, Object> config = config(kafka, group, strategy);

        // The first instance: crashes mid-batch and is never closed (its client just stops).
        KafkaConsumer<String, byte[]> crashed = new KafkaConsumer<>(config, new org.apache.kafka.common.serialization
                .StringDeserializer(), new org.apache.kafka.common.serialization.ByteArrayDeserializer());
        crashed.subscribe(List.of(topic));
        runUntilCrash(kafka, crashed, group, strategy, sink, crashAfter);
        int appliedBeforeCrash = sink.log().size();
        long committedAtCrash = Offsets.committed(kafka.admin(), group).values().stream()
                .mapToLong(Long::longValue).sum();

        // The restarted instance: same group, same group.instance.id, same strategy, no crash; it stops when caught up.
        Map<TopicPartition, Long> ends = Offsets.end(kafka.admin(), topic);
        try (KafkaConsumer<String, byte[]> restarted = new KafkaConsumer<>(config,
                new org.apache.kafka.common.serialization.StringDeserializer(),
                new org.apache.kafka.common.serialization.ByteArrayDeserializer())) {
            restarted.subscribe(List.of(topic));
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (!caughtUp(restarted, ends)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(strategy + ": the restarted consumer did not catch up");
                }
                ConsumerRecords<String, byte[]> records = restarted.poll(Duration.ofMillis(100));
                if (strategy == CommitStrategy.COMMIT_BEFORE_PROCESS && !records.isEmpty()) {
                    restarted.commitSync();
                }
                records.forEach(sink::apply);
                if (!strategy.autoCommit() && strategy != CommitStrategy.COMMIT_BEFORE_PROCESS && !records.isEmpty()) {
                    restarted.commitSync();
                }
            }
        } // close(): auto-commit commits the final positions; the manual strategies already did
        crashed.close(CloseOptions.timeout(Duration.ZERO)); // the dead instance's client, fenced by its successor: nothing to commit
        int appliedAfterRestart = sink.log().size() - appliedBeforeCrash;
        return new Run(strategy, appliedBeforeCrash, committedAtCrash, appliedAfterRestart, sink.skipped(),
                sink.log().accountFor(traffic));
    }

    private static Map<String, Object> config(KafkaFixture kafka, String group, CommitStrategy strategy) {
        Map<String, Object> config = new HashMap<>(kafka.consumerConfig(group));
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, strategy.autoCommit());
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, MAX_POLL_RECORDS);
        // 1 s instead of the default 5 s, so a run of a few seconds sees auto-commits happen.
        config.put(ConsumerConfig.AUTO_COMMIT_INTERVAL_MS_CONFIG, 1_000);
        // Static membership: the restarted instance takes the dead one's place without a session timeout.
        config.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, "stats-job-1");
        // The classic protocol's client auto-commits only inside poll() and close(): a stopped client commits nothing.
        config.put(ConsumerConfig.GROUP_PROTOCOL_CONFIG, "classic");
        return config;
    }

    /** Polls and applies with {@code strategy} until the crash point, then returns without closing anything. */
    private static void runUntilCrash(KafkaFixture kafka, KafkaConsumer<String, byte[]> consumer, String group,
            CommitStrategy strategy, EventSink sink, int crashAfter) {
        if (strategy == CommitStrategy.AUTO_COMMIT_HANDOFF) {
            runHandoffUntilCrash(kafka, consumer, group, sink, crashAfter);
            return;
        }
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            ConsumerRecords<String, byte[]> polled = consumer.poll(Duration.ofMillis(100));
            List<ConsumerRecord<String, byte[]>> batch = new ArrayList<>();
            polled.forEach(batch::add);
            if (batch.isEmpty()) {
                continue;
            }
            if (strategy == CommitStrategy.COMMIT_BEFORE_PROCESS) {
                consumer.commitSync();
            }
            for (int i = 0; i < batch.size(); i++) {
                sink.apply(batch.get(i));
                // Crash in the middle of a batch: at least one record of this poll is left unapplied.
                if (sink.log().size() >= crashAfter && i < batch.size() - 1) {
                    return;
                }
            }
            if (strategy == CommitStrategy.COMMIT_AFTER_PROCESS || strategy == CommitStrategy.IDEMPOTENT_SINK) {
                consumer.commitSync();
            }
        }
        throw new IllegalStateException(strategy + ": never reached the crash point");
    }

    /**
     * The poll thread hands records to a worker and keeps polling, so auto-commit commits what was polled, not what
     * the worker finished. The crash comes at a moment when the commits have run ahead of the worker, which with a
     * slow worker is most moments.
     */
    private static void runHandoffUntilCrash(KafkaFixture kafka, KafkaConsumer<String, byte[]> consumer,
            String group, EventSink sink, int crashAfter) {
        BlockingQueue<ConsumerRecord<String, byte[]>> handedOff = new LinkedBlockingQueue<>();
        AtomicBoolean crashed = new AtomicBoolean();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread worker = new Thread(() -> {
            try {
                while (sink.log().size() < crashAfter) {
                    ConsumerRecord<String, byte[]> record = handedOff.poll(100, TimeUnit.MILLISECONDS);
                    if (record != null) {
                        SimulatedIo.then(sink::apply).process(record);
                    }
                }
                long applied = sink.log().size();
                Traffic.await("auto-commit to run ahead of the worker", TIMEOUT, () -> Offsets.committed(
                        kafka.admin(), group).values().stream().mapToLong(Long::longValue).sum() > applied);
            } catch (Throwable e) {
                failure.set(e);
            } finally {
                crashed.set(true);
            }
        }, "handoff-worker");
        worker.start();
        while (!crashed.get()) {
            consumer.poll(Duration.ofMillis(50)).forEach(handedOff::add);
        }
        if (failure.get() != null) {
            throw new IllegalStateException("The hand-off worker failed", failure.get());
        }
    }

    private static boolean caughtUp(KafkaConsumer<String, byte[]> consumer, Map<TopicPartition, Long> ends) {
        if (!consumer.assignment().containsAll(ends.keySet())) {
            return false;
        }
        return ends.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
    }
}
