package dev.kafkacourse.session08;

import dev.kafkacourse.support.kafka.KafkaFixture;
import dev.kafkacourse.support.lab.LabRunner;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.apache.kafka.common.TopicPartition;

/**
 * Lab 3: the same scale-up, a group of two growing to three, under three {@code partition.assignment.strategy}
 * settings. Range and round-robin are eager: every member gives up every partition, and the group stops
 * processing until the new assignment is out. Cooperative-sticky revokes only the partitions that move, in a
 * second short rebalance, and the others keep flowing.
 */
public final class AssignmentStrategiesLab {

    static final int PARTITIONS_PER_TOPIC = 3;

    private AssignmentStrategiesLab() {
    }

    /**
     * One strategy's scale-up: per member (m1, m2, m3) what it owned before m3 joined, what it was told to give
     * up, and what it owns after; and the assignments each member received while the group settled.
     */
    record ScaleUp(Strategy strategy, List<Set<TopicPartition>> before, List<Set<TopicPartition>> revoked,
            List<Set<TopicPartition>> after, List<Long> rebalances, List<List<RebalanceLog.Entry>> callbacks,
            long settleMillis) {

        /** What a member owned before and after without ever giving it up. */
        Set<TopicPartition> kept(int member) {
            Set<TopicPartition> kept = new HashSet<>(before.get(member));
            kept.removeAll(revoked.get(member));
            return kept;
        }
    }

    /** What the lab observed, in the order the strategies ran. */
    record Result(List<ScaleUp> runs) {
    }

    public static void main(String[] args) {
        LabRunner.run("session08 strategies", AssignmentStrategiesLab::run);
    }

    static Result run(KafkaFixture kafka, PrintStream out) {
        List<ScaleUp> runs = new ArrayList<>();
        out.println("Two topics, impressions and clicks, 3 partitions each; members m1 and m2, then m3 joins.");
        for (Strategy strategy : Strategy.values()) {
            runs.add(scaleUp(kafka, out, strategy));
        }
        return new Result(runs);
    }

    static ScaleUp scaleUp(KafkaFixture kafka, PrintStream out, Strategy strategy) {
        String impressions = kafka.createTopic("impressions", PARTITIONS_PER_TOPIC);
        String clicks = kafka.createTopic("clicks", PARTITIONS_PER_TOPIC);
        Function<String, String> label = topic -> topic.equals(impressions) ? "imp" : "clk";
        String group = kafka.groupId(strategy.label());
        int partitions = 2 * PARTITIONS_PER_TOPIC;

        List<RebalanceLog> logs = List.of(new RebalanceLog(), new RebalanceLog(), new RebalanceLog());
        List<AdStatsAggregator> members = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            members.add(member(kafka, group, i, strategy, logs.get(i), impressions, clicks));
        }
        Members.await(strategy.label() + ": two members settled", members, () -> Members.settled(members, partitions));
        List<Set<TopicPartition>> before = members.stream().map(AdStatsAggregator::assignment).toList();
        List<Long> rebalancesBefore = members.stream().map(AdStatsAggregator::rebalances).toList();
        logs.forEach(RebalanceLog::clear);

        long joined = System.nanoTime();
        members.add(member(kafka, group, 2, strategy, logs.get(2), impressions, clicks));
        Members.await(strategy.label() + ": three members settled", members, () -> Members.settled(members, partitions));
        long settleMillis = (System.nanoTime() - joined) / 1_000_000;
        List<Set<TopicPartition>> after = members.stream().map(AdStatsAggregator::assignment).toList();
        List<Set<TopicPartition>> revoked = logs.stream().map(RebalanceLog::revoked).toList();
        List<Long> rebalances = new ArrayList<>();
        for (int i = 0; i < members.size(); i++) {
            rebalances.add(members.get(i).rebalances() - (i < 2 ? rebalancesBefore.get(i) : 0));
        }
        List<List<RebalanceLog.Entry>> callbacks = logs.stream().map(RebalanceLog::nonEmptyEntries).toList();
        members.forEach(AdStatsAggregator::close);

        ScaleUp run = new ScaleUp(strategy, before, revoked, after, rebalances, callbacks, settleMillis);
        out.printf("%n== %s (%s) ==%n", strategy.label(), strategy.protocol().name().toLowerCase());
        out.printf("before:  m1 %s   m2 %s%n", RebalanceLog.format(before.get(0), label),
                RebalanceLog.format(before.get(1), label));
        out.printf("m3 joins (the group settled %d ms after m3 started):%n", settleMillis);
        for (int i = 0; i < 3; i++) {
            out.printf("  m%d  revoked %-29s kept throughout %-21s now %-21s assignments received %d%n", i + 1,
                    i < 2 ? RebalanceLog.format(revoked.get(i), label) : "-",
                    i < 2 ? RebalanceLog.format(run.kept(i), label) : "-",
                    RebalanceLog.format(after.get(i), label), rebalances.get(i));
        }
        for (int i = 0; i < 3; i++) {
            out.printf("  m%d callbacks: %s%n", i + 1, callbacks.get(i).stream()
                    .map(e -> e.kind().name().toLowerCase() + " " + RebalanceLog.format(e.partitions(), label))
                    .toList());
        }
        return run;
    }

    private static AdStatsAggregator member(KafkaFixture kafka, String group, int index, Strategy strategy,
            RebalanceLog log, String... topics) {
        Map<String, Object> config = Members.config(kafka, group, "m" + (index + 1), strategy);
        return kafka.track(AdStatsAggregator.builder(config, topics).listener(log).build()).start();
    }
}
