package dev.kafkacourse.session02;

import dev.kafkacourse.support.domain.AdEventRecords;
import dev.kafkacourse.support.domain.AdEvent;
import dev.kafkacourse.support.domain.AdEventGenerator;
import dev.kafkacourse.support.kafka.KafkaFixture;
import dev.kafkacourse.support.lab.LabRunner;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import dev.kafkacourse.support.kafka.Consume;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.awaitility.Awaitility;

/**
 * Lab 4: Kafka is a streaming platform, not a queue. Two consumer groups ({@code dashboard} and {@code billing})
 * each read every event, because a record is not removed when it is read. Inside one group, the members split
 * the partitions between them, and each event is read once: queue-like sharing, per group.
 */
public final class ReplayGroupsLab {

    private ReplayGroupsLab() {
    }

    /** Records read by each independent group, and by each member of one shared group. */
    record Result(int sent, Map<String, Integer> perGroup, List<Integer> perMemberOfSharedGroup) {
    }

    public static void main(String[] args) {
        LabRunner.run("session02 replay-groups", ReplayGroupsLab::run);
    }

    static Result run(KafkaFixture kafka, PrintStream out) {
        List<AdEvent> events = AdEventGenerator.builder().seed(4).impressions(600).build().generate().distinctEvents();
        String topic = kafka.createTopic("ad-events", 4);

        // The shared group forms first, so its two members split the partitions before any data arrives.
        String shared = kafka.groupId("workers");
        List<KafkaConsumer<String, String>> members = List.of(kafka.stringConsumer(shared), kafka.stringConsumer(shared));
        members.forEach(member -> member.subscribe(List.of(topic)));
        int[] counts = new int[members.size()];
        pollUntil(members, counts, () -> members.stream().noneMatch(m -> m.assignment().isEmpty()));

        AdEventRecords.sendAll(kafka.stringProducer(), topic, events);
        out.printf("Produced %d events to %s (4 partitions)%n%n", events.size(), topic);

        Map<String, Integer> perGroup = new TreeMap<>();
        for (String group : List.of("dashboard", "billing")) {
            KafkaConsumer<String, String> consumer = kafka.stringConsumer(kafka.groupId(group));
            consumer.subscribe(List.of(topic));
            int read = Consume.records(consumer, events.size()).size();
            perGroup.put(group, read);
            out.printf("group %-9s read %d records (all of them)%n", group, read);
        }

        pollUntil(members, counts, () -> counts[0] + counts[1] >= events.size());
        List<Integer> perMember = new ArrayList<>();
        for (int i = 0; i < members.size(); i++) {
            perMember.add(counts[i]);
            out.printf("group workers, member %d read %d records from partitions %s%n", i + 1, counts[i],
                    members.get(i).assignment().stream().map(tp -> tp.partition()).sorted().toList());
        }
        out.printf("%nTwo groups: each read all %d. One group of two: %d in total, shared between its members.%n",
                events.size(), counts[0] + counts[1]);
        return new Result(events.size(), perGroup, perMember);
    }

    /** Polls every member in turn (a member that stops polling leaves the group) until {@code done}. */
    private static void pollUntil(List<KafkaConsumer<String, String>> members, int[] counts,
            java.util.function.BooleanSupplier done) {
        Awaitility.await("the shared group").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ZERO).until(() -> {
            for (int i = 0; i < members.size(); i++) {
                ConsumerRecords<String, String> records = members.get(i).poll(Duration.ofMillis(100));
                counts[i] += records.count();
            }
            return done.getAsBoolean();
        });
    }
}
