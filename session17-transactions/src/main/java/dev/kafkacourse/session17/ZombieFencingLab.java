package dev.kafkacourse.session17;

import dev.kafkacourse.support.domain.AdEventGenerator;
import dev.kafkacourse.support.domain.AdEventRecords;
import dev.kafkacourse.support.domain.CampaignStats;
import dev.kafkacourse.support.domain.GeneratedEvents;
import dev.kafkacourse.support.kafka.KafkaFixture;
import ch.qos.logback.classic.Level;
import dev.kafkacourse.support.lab.LabLogs;
import dev.kafkacourse.support.lab.LabRunner;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Map;
import java.util.SortedMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Lab: a zombie. Instance A of the stats job stalls in the middle of a transaction (think of a long GC pause or a
 * frozen VM): its outputs are sent, its commit not yet asked for. The orchestrator thinks it is dead and starts
 * instance B with the same transactional id. B's {@code initTransactions()} bumps the producer epoch, which fences
 * A and aborts A's open transaction; B processes everything. Then A wakes up and tries to finish its transaction:
 * the broker refuses, A learns it is a zombie and stops. The committed counts are exact.
 */
public final class ZombieFencingLab {

    private ZombieFencingLab() {
    }

    /** What the lab observed. */
    record Result(String zombieError, long zombieCommits, long successorRecords,
            SortedMap<String, CampaignStats> committed, SortedMap<String, CampaignStats> expected) {
    }

    public static void main(String[] args) {
        // The lab provokes these on purpose; its own output says what happened.
        LabLogs.quiet(Map.of("org.apache.kafka.clients.consumer.internals.ConsumerCoordinator", Level.OFF));
        LabRunner.run("session17 zombie", ZombieFencingLab::run);
    }

    static Result run(KafkaFixture kafka, PrintStream out) throws Exception {
        GeneratedEvents traffic = AdEventGenerator.builder().seed(1700).impressions(300).campaigns(5).build()
                .generate();
        String input = kafka.createTopic("ad-events", 3);
        String stats = kafka.createTopic("ad-stats-1m", 3);
        KafkaProducer<String, byte[]> producer = kafka.producer(new StringSerializer(), new ByteArraySerializer());
        AdEventRecords.sendGenerated(producer, input, traffic.records());
        String group = kafka.groupId("ad-stats-eos");
        String transactionalId = kafka.groupId("ad-stats-eos-1");
        out.printf("Produced %d events; both instances use transactional.id %s%n%n", traffic.records().size(),
                transactionalId);

        CountDownLatch stalled = new CountDownLatch(1);
        CountDownLatch wakeUp = new CountDownLatch(1);
        CrashPoint pause = new CrashPoint(CrashPoint.Stage.AFTER_SEND, 2, () -> {
            stalled.countDown();
            try {
                wakeUp.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        ExactlyOnceStatsJob zombie = ExactlyOnceStatsJob.builder(kafka.commonConfig(), input, stats, transactionalId)
                .groupId(group).maxPollRecords(40).transactionTimeout(Duration.ofSeconds(30)).crashPoint(pause)
                .build();
        CompletableFuture<Throwable> zombieRun = CompletableFuture.supplyAsync(() -> {
            try {
                zombie.runUntilCaughtUp(Duration.ofSeconds(60));
                return null;
            } catch (RuntimeException e) {
                return e;
            }
        });
        if (!stalled.await(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("Instance A never reached its second transaction");
        }
        out.printf("Instance A committed %d transaction(s), then stalled in transaction 2 (outputs sent, no commit)%n",
                zombie.transactionsCommitted());

        long successorRecords;
        try (ExactlyOnceStatsJob successor = ExactlyOnceStatsJob.builder(kafka.commonConfig(), input, stats,
                transactionalId).groupId(group).maxPollRecords(40).build()) {
            out.println("Instance B started with the same transactional.id: initTransactions() fenced A and aborted "
                    + "A's open transaction");
            successorRecords = successor.runUntilCaughtUp(Duration.ofSeconds(60));
            out.printf("Instance B processed the remaining %d records in %d transactions%n", successorRecords,
                    successor.transactionsCommitted());
        }

        wakeUp.countDown();
        Throwable error = zombieRun.get(60, TimeUnit.SECONDS);
        zombie.closeAbruptly();
        String zombieError = error == null ? "none" : error.getClass().getName();
        out.printf("Instance A wakes up and goes on with its transaction: %s%n",
                error == null ? "it SUCCEEDED (no fencing!)" : error.getClass().getSimpleName() + ": "
                        + error.getMessage());

        SortedMap<String, CampaignStats> committed = TopicReader.campaignTotals(kafka.commonConfig(), stats,
                IsolationLevel.READ_COMMITTED);
        out.printf("%nread_committed totals equal the generator's counts: %s (%d events)%n",
                committed.equals(traffic.expectedStats()), TopicReader.events(committed));
        return new Result(zombieError, zombie.transactionsCommitted(), successorRecords, committed,
                traffic.expectedStats());
    }
}
