package dev.kafkacourse.session06;

import dev.kafkacourse.support.kafka.Offsets;
import dev.kafkacourse.support.domain.AdEvent;
import dev.kafkacourse.support.domain.AdEventGenerator;
import dev.kafkacourse.support.kafka.KafkaFixture;
import dev.kafkacourse.support.lab.LabRunner;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.common.TopicPartition;
import org.awaitility.Awaitility;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * Lab 3: the custom container factory ({@link CustomContainerConfig}): three consumer threads, batch listener, manual
 * acknowledgement. The lab shows each thread owning one partition and receiving batches, the group as Kafka sees it
 * next to the default listener's group, and that with {@code AckMode.MANUAL} offsets are committed only once the
 * listener acknowledges: records that were read but not acknowledged would be read again after a restart.
 */
public final class CustomContainerLab {

    private CustomContainerLab() {
    }

    /** What the lab observed. */
    record Result(SortedMap<String, BatchWatchListener.ThreadStats> perThread, Map<String, Integer> membersPerGroup,
            Map<TopicPartition, Long> committedBeforeAck, Map<TopicPartition, Long> committedAfterAck,
            Map<TopicPartition, Long> endOffsets, long received, int sent) {
    }

    public static void main(String[] args) {
        LabRunner.run("session06 custom-container", CustomContainerLab::run);
    }

    static Result run(KafkaFixture kafka, PrintStream out) throws Exception {
        List<AdEvent> first = AdEventGenerator.builder().seed(8).impressions(1_500).campaigns(8).build().generate()
                .distinctEvents();
        List<AdEvent> second = AdEventGenerator.builder().seed(9).impressions(300).campaigns(8)
                .startingAt(Instant.now()).build().generate().distinctEvents();
        String topic = kafka.topicName("ad-events");
        String statsGroup = kafka.groupId("ad-stats");
        String batchGroup = kafka.groupId("batch-watch");

        try (ConfigurableApplicationContext app = AdStatsApp.start(kafka, Map.of(
                "adstats.topics.events", topic,
                "adstats.groups.stats", statsGroup,
                "adstats.groups.batch-watch", batchGroup,
                "adstats.batch.max-poll-records", 100), BatchWatchListener.class)) {
            AdEventPublisher publisher = app.getBean(AdEventPublisher.class);
            BatchWatchListener listener = app.getBean(BatchWatchListener.class);
            Admin admin = kafka.admin();

            // The three consumers join one after the other, and the first briefly owns every partition: wait until
            // the group has settled on one partition each, or the first thread may read everything alone.
            MessageListenerContainer container =
                    app.getBean(KafkaListenerEndpointRegistry.class).getListenerContainer(BatchWatchListener.ID);
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> {
                Map<String, Collection<TopicPartition>> assignments = container.getAssignmentsByClientId();
                return assignments != null && assignments.size() == 3
                        && assignments.values().stream().allMatch(partitions -> partitions != null && partitions.size() == 1);
            });
            out.println("The custom container's consumers settled on one partition each:");
            new TreeMap<>(container.getAssignmentsByClientId()).forEach((client, partitions) -> out.printf("  %-45s %s%n",
                    client, partitions.stream().map(TopicPartition::partition).sorted().toList()));
            out.println();

            publisher.publishAll(first);
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> listener.received() >= first.size());
            out.printf("Published %,d events; the batch listener received %,d, max.poll.records = 100%n",
                    first.size(), listener.received());
            listener.perThread().forEach((thread, s) -> out.printf("  %-22s partitions %s: %3d batches, %,5d records,"
                    + " largest batch %d%n", thread, s.partitions(), s.batches(), s.records(), s.largestBatch()));

            Map<TopicPartition, Long> committedBefore = Offsets.committed(admin, batchGroup);
            out.printf("%nNot acknowledged yet. Committed offsets of %s: %s%n", batchGroup,
                    committedBefore.isEmpty() ? "none" : committedBefore);

            listener.startAcknowledging();
            publisher.publishAll(second);
            Map<TopicPartition, Long> end = Offsets.end(admin, topic);
            Awaitility.await().atMost(Duration.ofSeconds(60))
                    .until(() -> Offsets.committed(admin, batchGroup).equals(end));
            Map<TopicPartition, Long> committedAfter = Offsets.committed(admin, batchGroup);
            out.printf("Published %,d more and acknowledged from now on. Committed: %s%n", second.size(),
                    byPartition(committedAfter));
            out.printf("End offsets:                                         %s%n", byPartition(end));
            out.println("(one acknowledge() commits the position, so everything read before it is committed too)");

            Map<String, ConsumerGroupDescription> groups =
                    admin.describeConsumerGroups(List.of(batchGroup, statsGroup)).all().get();
            out.println();
            Map<String, Integer> members = new TreeMap<>();
            for (String group : List.of(batchGroup, statsGroup)) {
                ConsumerGroupDescription description = groups.get(group);
                String kind = group.equals(batchGroup) ? "custom container (concurrency 3)" : "default container";
                members.put(kind, description.members().size());
                out.printf("Group of the %s: %d member(s)%n", kind, description.members().size());
                description.members().stream().sorted(Comparator.comparing(MemberDescription::clientId))
                        .forEach(m -> out.printf("  %-45s %s%n", m.clientId(), m.assignment().topicPartitions()
                                .stream().map(TopicPartition::partition).sorted().toList()));
            }
            return new Result(listener.perThread(), members, committedBefore, committedAfter, end,
                    listener.received(), first.size() + second.size());
        }
    }

    private static SortedMap<Integer, Long> byPartition(Map<TopicPartition, Long> offsets) {
        SortedMap<Integer, Long> sorted = new TreeMap<>();
        offsets.forEach((tp, offset) -> sorted.put(tp.partition(), offset));
        return sorted;
    }
}
