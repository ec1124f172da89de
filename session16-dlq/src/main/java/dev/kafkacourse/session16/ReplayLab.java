package dev.kafkacourse.session16;

import dev.kafkacourse.support.domain.CampaignStats;
import dev.kafkacourse.support.kafka.KafkaFixture;
import dev.kafkacourse.support.kafka.Sends;
import dev.kafkacourse.support.lab.LabRunner;
import java.io.PrintStream;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Lab 3: events of campaign c-404 were dead-lettered because the campaign did not exist yet. Once it is created,
 * {@link DlqReplayer} sends exactly those dead letters back to {@code ad-events}; the consumer, restarted with the
 * fix, counts them. Replaying a second time sends nothing: the replay is idempotent.
 */
public final class ReplayLab {

    private ReplayLab() {
    }

    record Result(int unknownCampaignLetters, int deadLettersBefore, DlqReplayer.Report first,
            DlqReplayer.Report second, long processedAfterFix, CampaignStats replayedCampaign, int deadLettersAfter) {
    }

    public static void main(String[] args) {
        LabRunner.run("session16 replay", ReplayLab::run);
    }

    static Result run(KafkaFixture kafka, PrintStream out) {
        String topic = kafka.createTopic("ad-events", 3);
        String dlq = kafka.createTopic(DeadLetters.TOPIC, 3);
        PoisonPillTraffic traffic = PoisonPillTraffic.generate(topic, 3, 800, 0.02, 17);
        Sends.all(kafka.producer(new StringSerializer(), new ByteArraySerializer()), traffic.records());
        String group = kafka.groupId("ad-stats");

        CountingSink before = new CountingSink();
        consumeAll(kafka, topic, dlq, group, new AdEventValidator(traffic.knownCampaigns()), before,
                consumer -> consumer.processed() + consumer.deadLettered() >= traffic.records().size());
        int deadLettersBefore = RetryLab.readDlq(kafka, dlq).size();
        Predicate<DeadLetter> unknownCampaign = letter -> letter.reason() == FailureKind.BUSINESS_RULE
                && letter.message().contains("unknown campaign " + PoisonPillTraffic.UNKNOWN_CAMPAIGN);
        int unknown = (int) RetryLab.readDlq(kafka, dlq).stream().filter(unknownCampaign).count();
        out.printf("Consumed %,d records: %,d counted, %,d dead-lettered, of which %d for the unknown campaign %s%n",
                traffic.records().size(), before.accepted(), deadLettersBefore, unknown,
                PoisonPillTraffic.UNKNOWN_CAMPAIGN);

        out.printf("%nThe fix: campaign %s is created. Replay the dead letters it caused:%n",
                PoisonPillTraffic.UNKNOWN_CAMPAIGN);
        KafkaProducer<String, byte[]> producer = kafka.producer(new StringSerializer(), new ByteArraySerializer());
        DlqReplayer replayer = new DlqReplayer(kafka.admin(), kafka.commonConfig(), producer);
        DlqReplayer.Report first = replayer.replay(dlq, unknownCampaign);
        out.println("  first replay:  " + first.summary());
        DlqReplayer.Report second = replayer.replay(dlq, unknownCampaign);
        out.println("  second replay: " + second.summary());

        Set<String> fixedCampaigns = new HashSet<>(traffic.knownCampaigns());
        fixedCampaigns.add(PoisonPillTraffic.UNKNOWN_CAMPAIGN);
        CountingSink after = new CountingSink();
        long processed = consumeAll(kafka, topic, dlq, group, new AdEventValidator(fixedCampaigns), after,
                consumer -> consumer.processed() >= first.replayed());
        int deadLettersAfter = RetryLab.readDlq(kafka, dlq).size();
        CampaignStats replayed = after.snapshot().getOrDefault(PoisonPillTraffic.UNKNOWN_CAMPAIGN, CampaignStats.EMPTY);
        out.printf("%nThe consumer, restarted with the fix, counted %d replayed events for %s (%d impressions, %d clicks);"
                + " the DLQ still holds %,d dead letters (a record of what failed, not a queue to drain)%n", processed,
                PoisonPillTraffic.UNKNOWN_CAMPAIGN, replayed.impressions(), replayed.clicks(), deadLettersAfter);
        return new Result(unknown, deadLettersBefore, first, second, processed, replayed, deadLettersAfter);
    }

    private static long consumeAll(KafkaFixture kafka, String topic, String dlq, String group,
            AdEventValidator validator, CountingSink sink, Predicate<DeadLetterConsumer> done) {
        AdEventProcessor processor = new AdEventProcessor(validator, sink,
                RetryPolicy.exponential(1, Duration.ZERO, 1, Duration.ZERO, 0, 1), Sleeper.REAL);
        try (DeadLetterConsumer consumer = new DeadLetterConsumer(kafka.consumerConfig(group), kafka.producerConfig(),
                topic, processor, dlq)) {
            consumer.pollUntil(() -> done.test(consumer), Duration.ofSeconds(60));
            // Drain: nothing else may be waiting (a second replay must not have added anything).
            for (int i = 0; i < 3; i++) {
                consumer.pollOnce();
            }
            return consumer.processed();
        }
    }
}
