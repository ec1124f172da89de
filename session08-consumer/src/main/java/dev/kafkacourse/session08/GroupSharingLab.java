package dev.kafkacourse.session08;

import dev.kafkacourse.support.kafka.Offsets;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import dev.kafkacourse.support.domain.AdEventRecords;
import dev.kafkacourse.support.domain.AdEventGenerator;
import dev.kafkacourse.support.domain.CampaignStats;
import dev.kafkacourse.support.domain.GeneratedEvents;
import dev.kafkacourse.support.kafka.KafkaFixture;
import dev.kafkacourse.support.lab.LabRunner;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.kafka.common.TopicPartition;

/**
 * Lab 2: three aggregators in one consumer group, each polled by a thread of its own, share the six partitions of
 * {@code ad-events}. Each counts only its partitions; because the key is the campaign id, each campaign is counted
 * by exactly one member, and the members' shares add up to the generator's totals.
 */
public final class GroupSharingLab {

    static final int PARTITIONS = 6;
    static final int MEMBERS = 3;

    private GroupSharingLab() {
    }

    /** One member's share: its partitions, the events it counted, the campaigns it holds. */
    record Share(String member, Set<Integer> partitions, long events, Map<String, CampaignStats> stats) {
    }

    /** What the lab observed. */
    record Result(List<Share> shares, Map<String, CampaignStats> merged, Map<String, CampaignStats> expected) {
    }

    public static void main(String[] args) {
        LabRunner.run("session08 group", GroupSharingLab::run);
    }

    static Result run(KafkaFixture kafka, PrintStream out) {
        String topic = kafka.createTopic("ad-events", PARTITIONS);
        String group = kafka.groupId("ad-stats");
        List<AdStatsAggregator> members = new ArrayList<>();
        for (int i = 1; i <= MEMBERS; i++) {
            members.add(kafka.track(AdStatsAggregator.builder(
                    Members.config(kafka, group, "m" + i, Strategy.RANGE), topic).build()).start());
        }
        // The group settles before data arrives, so every event is counted by the member that keeps it.
        Members.await("the group settled", members, () -> Members.settled(members, PARTITIONS));
        out.printf("Group %s: %d members on their own threads share %d partitions of %s%n%n", group, MEMBERS,
                PARTITIONS, topic);

        GeneratedEvents traffic = AdEventGenerator.builder().seed(80).impressions(3_000).campaigns(12).build()
                .generate();
        AdEventRecords.sendGenerated(kafka.producer(new StringSerializer(), new ByteArraySerializer()), topic,
                traffic.records());
        Map<TopicPartition, Long> ends = Offsets.end(kafka.admin(), topic);
        Members.await("every partition read to its end", members, () -> Members.caughtUp(members, ends));
        out.printf("Produced %,d events for %d campaigns%n", traffic.distinctEvents().size(),
                traffic.expectedStats().size());

        List<Share> shares = new ArrayList<>();
        for (int i = 0; i < members.size(); i++) {
            AdStatsAggregator member = members.get(i);
            Set<Integer> partitions = new TreeSet<>(member.assignment().stream().map(TopicPartition::partition).toList());
            shares.add(new Share("m" + (i + 1), partitions, member.eventsCounted(), member.snapshot()));
            out.printf("  m%d  partitions %-7s %,6d events   campaigns %s%n", i + 1, partitions, member.eventsCounted(),
                    member.snapshot().keySet());
        }
        Map<String, CampaignStats> merged = CampaignTotals.merge(shares.stream().map(Share::stats).toList());
        long inOneMember = traffic.expectedStats().keySet().stream()
                .filter(c -> shares.stream().filter(s -> s.stats().containsKey(c)).count() == 1).count();
        out.printf("%nEach campaign counted by exactly one member: %d of %d campaigns%n", inOneMember,
                traffic.expectedStats().size());
        out.printf("Shares added up: %,d events; equal to the generator's totals: %s%n",
                shares.stream().mapToLong(Share::events).sum(), merged.equals(traffic.expectedStats()) ? "yes" : "NO");
        members.forEach(AdStatsAggregator::close);
        return new Result(shares, new TreeMap<>(merged), traffic.expectedStats());
    }
}
