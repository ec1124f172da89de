package dev.kafkacourse.session08;

import dev.kafkacourse.support.kafka.Offsets;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import dev.kafkacourse.support.domain.AdEventRecords;
import dev.kafkacourse.support.domain.AdEventGenerator;
import dev.kafkacourse.support.domain.CampaignStats;
import dev.kafkacourse.support.domain.GeneratedEvents;
import dev.kafkacourse.support.domain.GeneratedRecord;
import dev.kafkacourse.support.kafka.KafkaFixture;
import dev.kafkacourse.support.lab.LabRunner;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;

/**
 * Lab 4: what happens to work that is counted but not yet committed when a member joins. Member m1 counts the
 * first half of the traffic but commits only every hour; then m2 joins and the second half arrives. Without a
 * commit in {@code onPartitionsRevoked}, whoever reads a revoked partition next starts from the last commit and
 * counts those events again: under an eager strategy that includes m1 itself, which re-reads its own partitions.
 * With the commit, the totals are exact under both strategies.
 */
public final class UncommittedWorkLab {

    private UncommittedWorkLab() {
    }

    /** One scenario: what the group counted against what the generator produced. */
    record Run(Strategy strategy, boolean commitOnRevoke, long countedBeforeJoin, long commitsBeforeJoin,
            long expectedEvents, long counted, Map<String, CampaignStats> merged, Map<String, CampaignStats> expected) {

        long countedTwice() {
            return counted - expectedEvents;
        }
    }

    /** What the lab observed. */
    record Result(List<Run> runs) {
    }

    public static void main(String[] args) {
        LabRunner.run("session08 uncommitted-work", UncommittedWorkLab::run);
    }

    static Result run(KafkaFixture kafka, PrintStream out) {
        GeneratedEvents traffic = AdEventGenerator.builder().seed(81).impressions(2_000).campaigns(8).build()
                .generate();
        out.printf("%,d events in two halves; m1 counts the first half with commits every hour, then m2 joins.%n%n",
                traffic.distinctEvents().size());
        out.println("strategy            commit on revoke   m1 before join (commits)   group counted   expected"
                + "   counted twice   totals exact");
        List<Run> runs = new ArrayList<>();
        for (boolean commitOnRevoke : new boolean[] {false, true}) {
            for (Strategy strategy : List.of(Strategy.RANGE, Strategy.COOPERATIVE_STICKY)) {
                Run run = scenario(kafka, traffic, strategy, commitOnRevoke);
                runs.add(run);
                out.printf("%-19s %-18s %,10d (%d)             %,13d   %,8d   %,13d   %s%n", strategy.label(),
                        commitOnRevoke ? "yes" : "no", run.countedBeforeJoin(), run.commitsBeforeJoin(),
                        run.counted(), run.expectedEvents(), run.countedTwice(),
                        run.merged().equals(run.expected()) ? "yes" : "NO");
            }
        }
        return new Result(runs);
    }

    static Run scenario(KafkaFixture kafka, GeneratedEvents traffic, Strategy strategy, boolean commitOnRevoke) {
        String topic = kafka.createTopic("ad-events", 3);
        String group = kafka.groupId("ad-stats");
        List<GeneratedRecord> records = traffic.records();
        KafkaProducer<String, byte[]> producer = kafka.producer(new StringSerializer(), new ByteArraySerializer());

        AdStatsAggregator m1 = member(kafka, group, "m1", strategy, commitOnRevoke, topic);
        List<AdStatsAggregator> members = new ArrayList<>(List.of(m1));
        Members.await("m1 owns the topic", members, () -> Members.settled(members, 3));
        AdEventRecords.sendGenerated(producer, topic, records.subList(0, records.size() / 2));
        Map<TopicPartition, Long> half = Offsets.end(kafka.admin(), topic);
        Members.await("m1 counted the first half", members, () -> Members.caughtUp(members, half));
        long countedBeforeJoin = m1.eventsCounted();
        long commitsBeforeJoin = m1.commits();

        members.add(member(kafka, group, "m2", strategy, commitOnRevoke, topic));
        Members.await("m1 and m2 settled", members, () -> Members.settled(members, 3));
        AdEventRecords.sendGenerated(producer, topic, records.subList(records.size() / 2, records.size()));
        Map<TopicPartition, Long> end = Offsets.end(kafka.admin(), topic);
        Members.await("the group read everything", members, () -> Members.caughtUp(members, end));

        long counted = members.stream().mapToLong(AdStatsAggregator::eventsCounted).sum();
        Map<String, CampaignStats> merged = CampaignTotals.merge(members.stream().map(AdStatsAggregator::snapshot)
                .toList());
        members.forEach(AdStatsAggregator::close);
        return new Run(strategy, commitOnRevoke, countedBeforeJoin, commitsBeforeJoin,
                traffic.distinctEvents().size(), counted, merged, traffic.expectedStats());
    }

    private static AdStatsAggregator member(KafkaFixture kafka, String group, String name, Strategy strategy,
            boolean commitOnRevoke, String topic) {
        return kafka.track(AdStatsAggregator.builder(Members.config(kafka, group, name, strategy), topic)
                .commitInterval(Duration.ofHours(1))
                .commitOnRevoke(commitOnRevoke)
                .build()).start();
    }
}
