package dev.kafkacourse.session15;

import dev.kafkacourse.support.domain.AdEvent;
import dev.kafkacourse.support.domain.AdEventGenerator;
import dev.kafkacourse.support.kafka.ClusterSpec;
import dev.kafkacourse.support.kafka.KafkaFixture;
import dev.kafkacourse.support.lab.LabRunner;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;

/**
 * Lab 1: a rolling restart of a 3-broker cluster while the collector writes ad events ({@code acks=all},
 * idempotent, {@code min.insync.replicas=2}) and a consumer group reads them. First the safe procedure (each
 * broker back in every ISR before the next stops): nothing lost, nothing twice, counted against the generator.
 * Then the procedure that only waits for "the process is up": the next stop finds partitions with one in-sync
 * copy, and {@code acks=all} writes stall or fail until the restarted broker catches up.
 */
public final class RollingRestartLab {

    static final int PARTITIONS = 6;
    static final int MIN_INSYNC_REPLICAS = 2;
    static final int IMPRESSIONS = 12_000;
    /**
     * A restarted production broker needs minutes to catch up (log recovery, the backlog of its down time); a
     * laptop broker needs milliseconds, which would hide the lesson. Catch-up replication is capped at this rate,
     * so the restarted broker here, too, spends a visible while out of the ISR.
     */
    static final long CATCH_UP_BYTES_PER_SECOND = 400_000;
    /** Written while each broker is down (see {@link BusyWhileDown}): about 4 s of catch-up at the rate above. */
    static final int BACKLOG_BYTES = 1_600_000;

    /**
     * The replication throttle measures its rate over {@code replication.quota.window.num} one-second windows (11 by
     * default), so a short burst passes unthrottled; two windows make it bite within a second.
     */
    /** Written once for the lab's cluster and its tests' {@code @KafkaTest(brokerProperties = ...)}. */
    static final String QUOTA_WINDOWS = "replication.quota.window.num=2";
    static final ClusterSpec CLUSTER = ClusterSpec.of(3, QUOTA_WINDOWS);

    private RollingRestartLab() {
    }

    /** One run: what the producer, the consumer group and a full re-read of the topic saw. */
    record Run(SteadyTraffic.Report producer, int consumed, int consumedDistinct, int topicRecords,
            int topicDistinct, long millis) {
    }

    record Result(int expected, Run safe, Run unsafe, List<UnsafeRollingRestart.Stop> unsafeStops) {
    }

    public static void main(String[] args) {
        Quiet.forBrokerRestarts();
        LabRunner.runOnOwnCluster("session15 rolling-restart", CLUSTER, RollingRestartLab::run);
    }

    static Result run(KafkaFixture kafka, PrintStream out) {
        Admin admin = kafka.admin();
        List<AdEvent> events = AdEventGenerator.builder().seed(15).impressions(IMPRESSIONS).clickThroughRate(0.05)
                .build().generate().distinctEvents();
        out.printf("Generator: %d distinct ad events (seed 15). Topic: %d partitions, replication factor 3, "
                + "min.insync.replicas=%d. Producer: acks=all, enable.idempotence=true.%n%n", events.size(),
                PARTITIONS, MIN_INSYNC_REPLICAS);

        try (ClusterBrokers brokers = new ClusterBrokers(kafka.cluster())) {
            ReplicationThrottle.setRate(admin, brokers.brokerIds(), CATCH_UP_BYTES_PER_SECOND);
            out.printf("Catch-up replication capped at %d kB/s per broker, and %d kB written to a side topic while"
                    + " each broker is down: a restarted broker needs seconds to be back in sync, as on a busy cluster"
                    + " (a laptop broker would need milliseconds).%n%n", CATCH_UP_BYTES_PER_SECOND / 1000,
                    BACKLOG_BYTES / 1000);
            BrokerRestarter busy = new BusyWhileDown(brokers, kafka.producer(BusyWhileDown.fillerProducer(),
                    new StringSerializer(), new StringSerializer()), kafka.createTopic("bulk-import", PARTITIONS,
                    (short) 3, ReplicationThrottle.allReplicasThrottled()), BACKLOG_BYTES);
            out.println("1) Safe rolling restart: each broker back in every ISR before the next one stops");
            long start = System.nanoTime();
            Run safe = withTraffic(kafka, "safe", events, SteadyTraffic.durableProducer(), () ->
                    new SafeRollingRestart(admin, new TimedBrokers(busy, admin, out), ClusterState.STATE_TIMEOUT)
                            .restartAll(brokers.brokerIds()),
                    start, out);
            print(out, events.size(), safe);

            out.println("2) Unsafe rolling restart: next broker as soon as the last one is up (no ISR wait)");
            awaitFullyInSync(admin);
            List<UnsafeRollingRestart.Stop>[] stops = new List[1];
            Run unsafe = withTraffic(kafka, "unsafe", events, Map.of(), () -> stops[0] =
                    new UnsafeRollingRestart(admin, new TimedBrokers(busy, admin, out), MIN_INSYNC_REPLICAS)
                            .restartAll(brokers.brokerIds()),
                    System.nanoTime(), out);
            for (UnsafeRollingRestart.Stop stop : stops[0]) {
                out.printf("   stopping broker %d left %d partition(s) below min.insync.replicas:%n",
                        stop.stopped(), stop.underMinIsr().size());
                stop.underMinIsr().stream().limit(3).forEach(p -> out.println("     " + p));
            }
            print(out, events.size(), unsafe);
            awaitFullyInSync(admin);
            ReplicationThrottle.clearRate(admin, brokers.brokerIds());
            return new Result(events.size(), safe, unsafe, stops[0]);
        }
    }

    private static Run withTraffic(KafkaFixture kafka, String name, List<AdEvent> events,
            Map<String, Object> producerSettings, Runnable operation, long start, PrintStream out) {
        Map<String, String> topicConfigs = new java.util.HashMap<>(ReplicationThrottle.allReplicasThrottled());
        topicConfigs.put("min.insync.replicas", String.valueOf(MIN_INSYNC_REPLICAS));
        String topic = kafka.createTopic("ad-events-" + name, PARTITIONS, (short) 3, topicConfigs);
        Map<String, Object> producerConfig = new java.util.HashMap<>(SteadyTraffic.durableProducer());
        producerConfig.putAll(producerSettings);
        try (CountingConsumer consumer = new CountingConsumer(
                kafka.consumer(kafka.groupId("dashboard-" + name), new StringDeserializer(), new StringDeserializer()),
                topic).start();
                SteadyTraffic traffic = new SteadyTraffic(
                        kafka.producer(producerConfig, new StringSerializer(), new StringSerializer()), topic, events)
                        .start()) {
            operation.run();
            long millis = (System.nanoTime() - start) / 1_000_000;
            out.printf("   restart done in %d ms; producer had sent %d so far%n", millis, traffic.report().sent());
            SteadyTraffic.Report report = traffic.finish();
            int written = report.acknowledged();
            Awaitility.await("consumer group read every acknowledged record").atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(100)).until(() -> consumer.distinct() >= written);
            List<ConsumerRecord<String, String>> all = kafka.readToEnd(topic, new StringDeserializer(),
                    new StringDeserializer());
            Set<UUID> distinct = new HashSet<>();
            all.forEach(r -> distinct.add(dev.kafkacourse.support.domain.AdEventJson
                    .fromBytes(r.value().getBytes(StandardCharsets.UTF_8)).eventId()));
            return new Run(report, consumer.received(), consumer.distinct(), all.size(), distinct.size(), millis);
        }
    }

    private static void awaitFullyInSync(Admin admin) {
        Awaitility.await("every partition fully in sync").atMost(ClusterState.STATE_TIMEOUT)
                .pollInterval(Duration.ofMillis(100)).until(() -> ClusterState.underReplicated(admin).isEmpty());
    }

    private static void print(PrintStream out, int expected, Run run) {
        SteadyTraffic.Report p = run.producer();
        out.printf("   producer: sent %d, acknowledged %d, failed %d, slowest acknowledgement %d ms%s%n", p.sent(),
                p.acknowledged(), p.failed(), p.maxAckMillis(),
                p.firstError() == null ? "" : "\n   first error: " + p.firstError());
        out.printf("   consumer group: received %d, distinct %d; topic holds %d records, %d distinct%n",
                run.consumed(), run.consumedDistinct(), run.topicRecords(), run.topicDistinct());
        out.printf("   against the generator's %d: lost %d, duplicated %d%n%n", expected,
                expected - run.topicDistinct(), run.topicRecords() - run.topicDistinct());
    }
}
