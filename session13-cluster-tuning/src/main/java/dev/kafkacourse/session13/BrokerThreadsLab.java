package dev.kafkacourse.session13;

import dev.kafkacourse.support.domain.AdEvent;
import dev.kafkacourse.support.domain.AdEventGenerator;
import dev.kafkacourse.support.domain.AdEventJson;
import dev.kafkacourse.support.kafka.KafkaFixture;
import dev.kafkacourse.support.kafka.KafkaMode;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongPredicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.awaitility.Awaitility;

/**
 * Lab 4: the broker's thread pools. Network threads ({@code num.network.threads}) read requests off sockets into
 * the request queue; I/O threads ({@code num.io.threads}) take them from the queue and do the work (append to the
 * log, read for fetches). Reads the settings with {@code Admin.describeConfigs}, the queue and idle metrics through
 * JMX before and after a burst of produce requests, and changes {@code num.io.threads} on the running broker.
 */
public final class BrokerThreadsLab {

    static final List<String> SETTINGS = List.of("num.network.threads", "num.io.threads", "queued.max.requests",
            "num.replica.fetchers", "socket.send.buffer.bytes", "socket.receive.buffer.bytes",
            "socket.request.max.bytes", "num.recovery.threads.per.data.dir", "log.flush.interval.messages",
            "log.segment.bytes", "log.retention.hours", "log.retention.check.interval.ms", "log.cleaner.threads");
    static final String IO_THREAD_PREFIX = "data-plane-kafka-request-handler-";
    static final String NETWORK_THREAD_PREFIX = "data-plane-kafka-network-thread-";
    static final int NEW_IO_THREADS = 4;

    private BrokerThreadsLab() {
    }

    /**
     * @param settings          broker settings by name: value and source
     * @param metricsBefore     JMX readings before the load (empty if the broker is not in this JVM)
     * @param ioThreadsBefore   request handler threads in this JVM before the change (-1 if not countable)
     * @param ioThreadsAfter    the same after setting {@code num.io.threads} dynamically
     * @param ioThreadsRestored the same after removing the dynamic setting again
     */
    record Result(Map<String, ConfigEntry> settings, Map<String, Optional<Double>> metricsBefore,
            Map<String, Optional<Double>> metricsAfter, long ioThreadsBefore, long ioThreadsAfter,
            long ioThreadsRestored, ConfigEntry ioThreadsEntryAfterChange) {
    }

    public static void main(String[] args) {
        TuningLabRunner.run("session13 broker-threads", false, BrokerThreadsLab::run);
    }

    static Result run(KafkaFixture kafka, PrintStream out) {
        Admin admin = kafka.admin();
        int brokerId = kafka.cluster().brokerId(0);
        Config config = TopicConfigs.describeBroker(admin, brokerId);
        Map<String, ConfigEntry> settings = new LinkedHashMap<>();
        out.printf("Broker %d settings (describeConfigs):%n", brokerId);
        for (String name : SETTINGS) {
            ConfigEntry entry = config.get(name);
            settings.put(name, entry);
            out.println(String.format("  %-36s %-20s %-22s%s", name, entry == null ? "-" : entry.value(),
                    entry == null ? "" : entry.source(), entry != null && entry.isReadOnly() ? "  (restart to change)" : "")
                    .stripTrailing());
        }

        boolean inThisJvm = kafka.cluster().mode() == KafkaMode.EMBEDDED;
        out.printf("%nJMX metrics of the broker %s%n", inThisJvm ? "(it runs in this JVM, so its MBeans are ours to read):"
                : "are not readable from here: it runs in another process (container, MSK). On MSK read them through\n"
                        + "open monitoring (Prometheus JMX exporter) or CloudWatch.");
        Map<String, Optional<Double>> before = metrics();
        printMetrics(out, "idle broker", before);

        int events = produceBurst(kafka);
        Map<String, Optional<Double>> after = metrics();
        printMetrics(out, "after " + String.format("%,d", events) + " produce records", after);

        long ioBefore = inThisJvm ? BrokerMetrics.threads(IO_THREAD_PREFIX) : -1;
        long networkThreads = inThisJvm ? BrokerMetrics.threads(NETWORK_THREAD_PREFIX) : -1;
        if (kafka.cluster().mode() == KafkaMode.EXTERNAL) {
            out.println("\nAn external cluster is shared: this lab does not change its num.io.threads.");
            return new Result(settings, before, after, -1, -1, -1, null);
        }
        out.printf("%nThreads in this JVM: %d named %s*, %d named %s*%n", ioBefore, IO_THREAD_PREFIX, networkThreads,
                NETWORK_THREAD_PREFIX);
        out.println("(the embedded node is broker and controller in one: each role has its own pools)");
        TopicConfigs.alterBroker(admin, brokerId, Map.of("num.io.threads", String.valueOf(NEW_IO_THREADS)));
        ConfigEntry changed = awaitSetting(admin, brokerId, String.valueOf(NEW_IO_THREADS));
        long ioAfter = awaitSettled(inThisJvm, n -> n < ioBefore);
        out.printf("Set num.io.threads=%d on the running broker: now %s (%s), %d request handler threads%n",
                NEW_IO_THREADS, changed.value(), changed.source(), ioAfter);
        TopicConfigs.resetBroker(admin, brokerId, List.of("num.io.threads"));
        ConfigEntry reset = awaitSetting(admin, brokerId, settings.get("num.io.threads").value());
        long ioRestored = awaitSettled(inThisJvm, n -> n == ioBefore);
        out.printf("Deleted the dynamic setting: back to %s (%s), %d request handler threads%n", reset.value(),
                reset.source(), ioRestored);
        return new Result(settings, before, after, ioBefore, ioAfter, ioRestored, changed);
    }

    /** A config change reaches the broker through the metadata log: describeConfigs shows it a moment later. */
    private static ConfigEntry awaitSetting(Admin admin, int brokerId, String value) {
        return Awaitility.await("num.io.threads = " + value).atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> TopicConfigs.describeBroker(admin, brokerId).get("num.io.threads"),
                        entry -> value.equals(entry.value()));
    }

    /**
     * Waits until the request handler thread count satisfies {@code target} and has stopped changing: the broker and
     * controller roles of a combined node resize their pools one after the other.
     */
    private static long awaitSettled(boolean countable, LongPredicate target) {
        if (!countable) {
            return -1;
        }
        long[] last = {-1, System.nanoTime()};
        return Awaitility.await("request handler threads to settle").atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> {
                    long now = BrokerMetrics.threads(IO_THREAD_PREFIX);
                    if (now != last[0]) {
                        last[0] = now;
                        last[1] = System.nanoTime();
                    }
                    return now;
                }, n -> target.test(n) && System.nanoTime() - last[1] > Duration.ofMillis(500).toNanos());
    }

    private static int produceBurst(KafkaFixture kafka) {
        String topic = kafka.createTopic("ad-events", 3);
        List<AdEvent> events = AdEventGenerator.builder().seed(41).impressions(20_000).eventsPerSecond(500)
                .startingAt(Instant.now().minus(Duration.ofMinutes(5))).build().generate().distinctEvents();
        KafkaProducer<String, String> producer = kafka.stringProducer();
        events.forEach(e -> producer.send(new ProducerRecord<>(topic, null, e.timestamp(), e.campaignId(),
                AdEventJson.toJson(e))));
        producer.flush();
        return events.size();
    }

    static Map<String, Optional<Double>> metrics() {
        Map<String, Optional<Double>> values = new LinkedHashMap<>();
        values.put("RequestQueueSize", BrokerMetrics.read(BrokerMetrics.REQUEST_QUEUE_SIZE, "Value"));
        values.put("ResponseQueueSize", BrokerMetrics.read(BrokerMetrics.RESPONSE_QUEUE_SIZE, "Value"));
        values.put("RequestHandlerAvgIdlePercent (mean)",
                BrokerMetrics.read(BrokerMetrics.REQUEST_HANDLER_IDLE, "MeanRate"));
        values.put("RequestHandlerAvgIdlePercent (1-min rate)",
                BrokerMetrics.read(BrokerMetrics.REQUEST_HANDLER_IDLE, "OneMinuteRate"));
        values.put("NetworkProcessorAvgIdlePercent", BrokerMetrics.read(BrokerMetrics.NETWORK_PROCESSOR_IDLE, "Value"));
        values.put("BytesInPerSec (count)", BrokerMetrics.read(BrokerMetrics.BYTES_IN, "Count"));
        values.put("Produce RequestQueueTimeMs (mean)", BrokerMetrics.read(BrokerMetrics.PRODUCE_QUEUE_TIME, "Mean"));
        values.put("Produce TotalTimeMs (mean)", BrokerMetrics.read(BrokerMetrics.PRODUCE_TOTAL_TIME, "Mean"));
        values.put("Produce TotalTimeMs (p99)", BrokerMetrics.read(BrokerMetrics.PRODUCE_TOTAL_TIME, "99thPercentile"));
        return values;
    }

    private static void printMetrics(PrintStream out, String label, Map<String, Optional<Double>> values) {
        out.printf("  %s:%n", label);
        values.forEach((name, value) -> out.printf("    %-44s %s%n", name,
                value.map(v -> String.format("%,.3f", v)).orElse("n/a")));
    }
}
