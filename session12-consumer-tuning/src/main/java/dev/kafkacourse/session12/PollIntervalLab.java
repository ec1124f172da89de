package dev.kafkacourse.session12;

import dev.kafkacourse.support.domain.GeneratedEvents;
import dev.kafkacourse.support.kafka.KafkaFixture;
import dev.kafkacourse.support.lab.LabRunner;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Lab: processing a poll takes longer than {@code max.poll.interval.ms}. The client notices that {@code poll} was not
 * called in time, leaves the group, the commit fails ({@code CommitFailedException}), and when it polls again it
 * rejoins and reads the same records again from the last commit: duplicates, and no progress at all when every
 * poll is that slow. Two fixes, same work per record: fewer records per poll ({@code max.poll.records}), or
 * processing on another thread while the poll thread pauses the partitions and keeps calling {@code poll}.
 */
public final class PollIntervalLab {

    static final int PARTITIONS = 2;
    static final int MAX_POLL_INTERVAL_MS = 500;
    static final int MILLIS_PER_RECORD = 4;
    private static final Duration TOO_SLOW_BUDGET = Duration.ofSeconds(20);
    static final int TOO_SLOW_REMOVALS = 2;
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private PollIntervalLab() {
    }

    enum Variant {
        TOO_SLOW("max.poll.records=250, processed in the poll loop", 250, false),
        FEWER_RECORDS("max.poll.records=10, processed in the poll loop", 10, false),
        PAUSE_AND_POLL("max.poll.records=250, worker thread, partitions paused", 250, true);

        final String label;
        final int maxPollRecords;
        final boolean pause;

        Variant(String label, int maxPollRecords, boolean pause) {
            this.label = label;
            this.maxPollRecords = maxPollRecords;
            this.pause = pause;
        }
    }

    /** One variant's run. */
    record Run(Variant variant, int polls, int commitFailures, int partitionsLostOrRevoked, int applied,
            int distinctApplied, ProcessedLog.Accounting accounting, long millis) {
    }

    record Result(int generated, List<Run> runs) {
    }

    public static void main(String[] args) {
        int impressions = args.length > 0 ? Integer.parseInt(args[0]) : 400;
        LabRunner.run("session12 poll-interval", (kafka, out) -> run(kafka, out, impressions));
    }

    static Result run(KafkaFixture kafka, PrintStream out, int impressions) {
        GeneratedEvents traffic = Traffic.clean(1213, impressions);
        int total = traffic.records().size();
        out.printf("%,d ad events, %d partitions, %d ms of work per record, max.poll.interval.ms=%d%n%n", total,
                PARTITIONS, MILLIS_PER_RECORD, MAX_POLL_INTERVAL_MS);
        List<Run> runs = new ArrayList<>();
        for (Variant variant : Variant.values()) {
            runs.add(run(kafka, traffic, variant));
        }
        out.println("variant                                                polls  commit    lost/revoked  applied  "
                + "distinct  duplicates   ms");
        out.println("                                                              failures  partitions");
        for (Run r : runs) {
            out.printf("%-54s %5d  %8d  %12d  %7d  %8d  %10d  %5d%n", r.variant().label, r.polls(),
                    r.commitFailures(), r.partitionsLostOrRevoked(), r.applied(), r.distinctApplied(),
                    r.accounting().duplicates(), r.millis());
        }
        out.printf("%nThe first variant was stopped after %d or more failed commits and repeated records: each poll takes about %d ms of work (> %d ms), "
                + "so the member is removed every time and re-reads the same records.%n", TOO_SLOW_REMOVALS,
                Variant.TOO_SLOW.maxPollRecords * MILLIS_PER_RECORD, MAX_POLL_INTERVAL_MS);
        return new Result(total, runs);
    }

    private static Run run(KafkaFixture kafka, GeneratedEvents traffic, Variant variant) {
        String topic = Traffic.produce(kafka, "ad-events", PARTITIONS, traffic);
        int total = traffic.records().size();
        ProcessedLog log = new ProcessedLog();
        RecordWork work = record -> {
            Thread.sleep(MILLIS_PER_RECORD); // the slow part: a blocking call per record
            log.apply(record);
        };
        AtomicInteger movedAway = new AtomicInteger();
        int polls = 0;
        int commitFailures = 0;
        int movedAwayWhileRunning;
        long start = System.nanoTime();
        Duration budget = variant == Variant.TOO_SLOW ? TOO_SLOW_BUDGET : TIMEOUT;
        try (KafkaConsumer<String, byte[]> consumer = Traffic.consumer(kafka, kafka.groupId("slow"), Map.of(
                ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, MAX_POLL_INTERVAL_MS,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, variant.maxPollRecords,
                ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 100,
                ConsumerConfig.GROUP_PROTOCOL_CONFIG, "classic"))) {
            consumer.subscribe(List.of(topic), new ConsumerRebalanceListener() {
                @Override
                public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                    movedAway.addAndGet(partitions.size());
                }

                @Override
                public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                }

                @Override
                public void onPartitionsLost(Collection<TopicPartition> partitions) {
                    movedAway.addAndGet(partitions.size());
                }
            });
            // The slow variant never finishes on its own: it stops once the member was removed a few times and
            // records came back (a removal can hit a poll of the other partition before any record repeats).
            while (distinctCount(log) < total && System.nanoTime() - start < budget.toNanos()
                    && !(variant == Variant.TOO_SLOW && commitFailures >= TOO_SLOW_REMOVALS
                            && log.size() > distinctCount(log))) {
                ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(50));
                polls++;
                if (records.isEmpty()) {
                    continue;
                }
                if (variant.pause) {
                    polls += processWhilePolling(consumer, records, work);
                } else {
                    for (ConsumerRecord<String, byte[]> record : records) {
                        work.process(record);
                    }
                }
                try {
                    consumer.commitSync();
                } catch (CommitFailedException e) {
                    // The member was removed while processing; the records will be delivered again.
                    commitFailures++;
                }
            }
            movedAwayWhileRunning = movedAway.get(); // close() revokes too: not counted
        } catch (Exception e) {
            throw new IllegalStateException(variant + " failed", e);
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        return new Run(variant, polls, commitFailures, movedAwayWhileRunning, log.size(), distinctCount(log),
                log.accountFor(traffic), millis);
    }

    /**
     * Processes {@code records} on another thread; meanwhile the poll thread pauses every assigned partition and
     * keeps polling (which returns nothing but tells the group this member is alive), then resumes them.
     */
    private static int processWhilePolling(KafkaConsumer<String, byte[]> consumer,
            ConsumerRecords<String, byte[]> records, RecordWork work) {
        CompletableFuture<Void> done = CompletableFuture.runAsync(() -> {
            for (ConsumerRecord<String, byte[]> record : records) {
                try {
                    work.process(record);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        });
        Set<TopicPartition> paused = new HashSet<>(consumer.assignment());
        consumer.pause(paused);
        int polls = 0;
        while (!done.isDone()) {
            ConsumerRecords<String, byte[]> none = consumer.poll(Duration.ofMillis(50));
            polls++;
            if (!none.isEmpty()) {
                throw new IllegalStateException("A paused partition returned records");
            }
        }
        done.join();
        consumer.resume(paused);
        return polls;
    }

    private static int distinctCount(ProcessedLog log) {
        return (int) log.entries().stream().map(ProcessedLog.Entry::eventId).distinct().count();
    }
}
