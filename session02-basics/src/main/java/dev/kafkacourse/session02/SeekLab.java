package dev.kafkacourse.session02;

import dev.kafkacourse.support.domain.AdEventRecords;
import dev.kafkacourse.support.domain.AdEvent;
import dev.kafkacourse.support.domain.AdEventGenerator;
import dev.kafkacourse.support.kafka.Consume;
import dev.kafkacourse.support.kafka.KafkaFixture;
import dev.kafkacourse.support.lab.LabRunner;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Lab 3: a consumer decides where it reads. {@code seek} to an offset replays from there; {@code offsetsForTimes}
 * finds the first offset at or after a timestamp, which is how "reprocess since 10:02" works.
 */
public final class SeekLab {

    private SeekLab() {
    }

    /** What the lab observed. */
    record Result(long firstOffsetAfterSeek, long timestampSought, long offsetFound, long firstTimestampRead) {
    }

    public static void main(String[] args) {
        LabRunner.run("session02 seek", SeekLab::run);
    }

    static Result run(KafkaFixture kafka, PrintStream out) {
        Instant start = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(5));
        List<AdEvent> events = AdEventGenerator.builder().seed(3).impressions(300).eventsPerSecond(1)
                .clickThroughRate(0).startingAt(start).build().generate().distinctEvents();
        String topic = kafka.createTopic("ad-events", 1);
        AdEventRecords.sendAll(kafka.stringProducer(), topic, events);
        out.printf("Produced %d events, one per second of event time from %s%n%n", events.size(), start);

        TopicPartition partition = new TopicPartition(topic, 0);
        // assign() + seek() needs no group; without auto-commit, closing it commits nothing on the group's behalf.
        KafkaConsumer<String, String> consumer = kafka.consumer(kafka.groupId("seek"),
                Map.of(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), new StringDeserializer());
        consumer.assign(List.of(partition));

        out.printf("Partition %s:%n", partition);
        consumer.seek(partition, 100);
        ConsumerRecord<String, String> atOffset = firstRecord(consumer);
        out.printf("  %-40s -> first record: offset %d, timestamp %s%n", "seek(100)", atOffset.offset(),
                Instant.ofEpochMilli(atOffset.timestamp()));

        long twoMinutesIn = start.plus(Duration.ofMinutes(2)).toEpochMilli();
        OffsetAndTimestamp found = consumer.offsetsForTimes(Map.of(partition, twoMinutesIn)).get(partition);
        consumer.seek(partition, found.offset());
        ConsumerRecord<String, String> atTime = firstRecord(consumer);
        out.printf("  %-40s -> offset %d (record timestamp %s)%n",
                "offsetsForTimes(" + Instant.ofEpochMilli(twoMinutesIn) + ")", found.offset(),
                Instant.ofEpochMilli(found.timestamp()));
        out.printf("  %-40s -> first record: offset %d, timestamp %s%n", "seek(" + found.offset() + ")",
                atTime.offset(), Instant.ofEpochMilli(atTime.timestamp()));

        consumer.seekToBeginning(List.of(partition));
        out.printf("  %-40s -> position %d%n", "seekToBeginning()", consumer.position(partition));
        consumer.seekToEnd(List.of(partition));
        out.printf("  %-40s -> position %d%n", "seekToEnd()", consumer.position(partition));
        return new Result(atOffset.offset(), twoMinutesIn, found.offset(), atTime.timestamp());
    }

    private static ConsumerRecord<String, String> firstRecord(KafkaConsumer<String, String> consumer) {
        return Consume.records(consumer, 1).get(0);
    }
}
