package dev.kafkacourse.session20;

import dev.kafkacourse.session13.Campaign;
import dev.kafkacourse.session13.CampaignJson;
import dev.kafkacourse.session19.AdStats;
import dev.kafkacourse.session19.AdStatsConfig;
import dev.kafkacourse.session19.AdStatsTopology;
import dev.kafkacourse.support.domain.CampaignStats;
import dev.kafkacourse.support.domain.GeneratedEvents;
import dev.kafkacourse.support.kafka.KafkaFixture;
import dev.kafkacourse.support.kafka.Offsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.awaitility.core.ConditionTimeoutException;

/**
 * A whole pipeline on one cluster, as the demo, the tests and the bench run it: its topics, the campaigns, N
 * instances sharing one application id, and the checks at the end (drained, counted, dead letters, final
 * windows written once).
 */
public final class PipelineRun implements AutoCloseable {

    private final KafkaFixture kafka;
    private final PipelineSettings base;
    private final int partitions;
    private final List<PipelineInstance> instances = new ArrayList<>();

    private PipelineRun(KafkaFixture kafka, PipelineSettings base, int partitions) {
        this.kafka = kafka;
        this.base = base;
        this.partitions = partitions;
    }

    /** Creates the pipeline's topics (unique names from the fixture) on {@code kafka}'s cluster. */
    public static PipelineRun create(KafkaFixture kafka, int partitions, AdStatsConfig stats) {
        AdStatsConfig config = stats.withTopics(kafka.createTopic("ad-events", partitions),
                kafka.createTopic("ad-stats-1m", partitions), kafka.createTopic("ad-events-dlq", 1));
        String campaigns = kafka.createTopic("campaigns", 1, kafka.defaultReplicationFactor(),
                Map.of("cleanup.policy", "compact"));
        PipelineSettings settings = new PipelineSettings(kafka.commonConfig(), config, campaigns,
                kafka.groupId("ad-pipeline"), 1, 20_000);
        return new PipelineRun(kafka, settings, partitions);
    }

    public PipelineSettings settings() {
        return base;
    }

    public int partitions() {
        return partitions;
    }

    /** Writes the campaigns (key = id) to the compacted campaigns topic. */
    public void publishCampaigns(List<Campaign> campaigns) {
        try (KafkaProducer<String, Campaign> producer = new KafkaProducer<>(kafka.producerConfig(),
                new StringSerializer(), CampaignJson.serializer())) {
            campaigns.forEach(c -> producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>(
                    base.campaignsTopic(), c.id(), c)));
            producer.flush();
        }
    }

    /** Starts one more instance on {@code port} (0: a free one). */
    public PipelineInstance startInstance(int port) {
        PipelineInstance instance = PipelineInstance.start(base.withPort(port > 0 ? port : PipelineInstance.freePort()));
        instances.add(instance);
        return instance;
    }

    public List<PipelineInstance> instances() {
        return List.copyOf(instances);
    }

    public List<String> urls() {
        return instances.stream().map(PipelineInstance::url).toList();
    }

    /** Stops one instance the way a deploy would (its partitions move to the others). */
    public void stopInstance(PipelineInstance instance) {
        instances.remove(instance);
        instance.close();
    }

    /**
     * Waits until every instance runs and the stats stage has committed everything on {@code ad-events}: with
     * exactly_once_v2 a committed offset means the results of every record before it are in the stores and topics.
     */
    public void awaitDrained(Duration timeout) {
        try {
            polling("the stats stage to commit every record", timeout, Duration.ofMillis(200))
                    .until(() -> {
                        instances.forEach(i -> i.stats().streamsApp().throwIfFailed());   // fail fast, not at timeout
                        return lag() == 0 && states().stream().allMatch(KafkaStreams.State.RUNNING::equals);
                    });
        } catch (ConditionTimeoutException e) {
            throw new IllegalStateException("The stats stage did not catch up within " + timeout + ": lag " + lag()
                    + ", states " + states(), e);
        }
    }

    private List<KafkaStreams.State> states() {
        return instances.stream().map(i -> i.stats().streamsApp().streams().state()).toList();
    }

    /** Records on ad-events the stats stage has not committed yet. */
    public long lag() {
        Map<TopicPartition, Long> committed = Offsets.committed(kafka.admin(), base.applicationId());
        return Offsets.end(kafka.admin(), base.stats().inputTopic()).entrySet().stream()
                .mapToLong(end -> end.getValue() - committed.getOrDefault(end.getKey(), 0L)).sum();
    }

    /**
     * Per campaign, the sum over every window the stores hold (asked through the first instance's query API). The
     * range is the store's retention around now: a window store answers a range segment by segment, so a range
     * from 1970 would take minutes.
     */
    public Map<String, CampaignStats> counted() {
        Duration back = base.stats().storeRetention().plus(Duration.ofMinutes(10));
        return retrying(() -> Dashboard.totals(instances.get(0).queries()
                .allWindows(Instant.now().minus(back), Instant.now().plus(Duration.ofHours(1)))));
    }

    /** Records on the dead-letter topic (read_committed: what a downstream reader sees). */
    public long deadLetters() {
        return kafka.readToEnd(base.stats().deadLetterTopic(), Map.of(ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_committed"), new StringDeserializer(), new ByteArrayDeserializer()).size();
    }

    /** Final window records on ad-stats-1m, read_committed. */
    public List<AdStats> finalWindows() {
        return kafka.readToEnd(base.stats().statsTopic(), Map.of(ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_committed"), new StringDeserializer(), AdStatsTopology.AD_STATS.deserializer())
                .stream().map(ConsumerRecord::value).toList();
    }

    /** Windows published more than once on ad-stats-1m (0 when exactly once held downstream too). */
    public static long repeatedWindows(List<AdStats> finalWindows) {
        Set<String> seen = new HashSet<>();
        return finalWindows.stream().filter(w -> !seen.add(w.campaignId() + "@" + w.windowStart())).count();
    }

    /** Drains, counts and reconciles against what was posted. */
    public ReconciliationReport reconcile(GeneratedEvents posted, Duration timeout) {
        awaitDrained(timeout);
        return Reconciliation.reconcile(posted, counted(), deadLetters());
    }

    /** Per campaign totals of the final windows published so far. */
    public static Map<String, CampaignStats> totalsOf(List<AdStats> windows) {
        return windows.stream().collect(Collectors.groupingBy(AdStats::campaignId, java.util.TreeMap::new,
                Collectors.reducing(CampaignStats.EMPTY, AdStats::stats, CampaignStats::plus)));
    }

    /** Interactive queries fail while partitions move between instances: ask again for up to 30 s. */
    static <T> T retrying(Supplier<T> query) {
        return polling("an interactive query while partitions move", Duration.ofSeconds(30), Duration.ofMillis(200))
                .ignoreExceptions().until(query::get, Objects::nonNull);
    }

    /**
     * A bounded Awaitility wait for {@code what}, asking at once and then every {@code every}, in the calling
     * thread: the bench times some of these waits, so the poll interval is its resolution.
     */
    static ConditionFactory polling(String what, Duration atMost, Duration every) {
        return Awaitility.await(what).atMost(atMost).pollDelay(Duration.ZERO).pollInterval(every)
                .pollInSameThread();
    }

    /** Paces a loop (e.g. one probe every 50 ms); waiting for a condition goes through Awaitility instead. */
    static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    @Override
    public void close() {
        for (PipelineInstance instance : instances) {
            try {
                instance.close();
            } catch (RuntimeException e) {
                // keep closing the others
            }
        }
        instances.clear();
    }
}
