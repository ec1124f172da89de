package dev.kafkacourse.session13;

import dev.kafkacourse.support.domain.AdEvent;
import dev.kafkacourse.support.domain.AdEventGenerator;
import dev.kafkacourse.support.domain.AdEventJson;
import dev.kafkacourse.support.kafka.Consume;
import dev.kafkacourse.support.kafka.KafkaFixture;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Lab 1: a partition is a directory of segment files, and a new segment starts ("rolls") when the active one is
 * full ({@code segment.bytes}) or old ({@code segment.ms}, measured in record timestamps). Everything later in this
 * session (retention, compaction) works on whole segments, so this is where it starts.
 */
public final class SegmentRollLab {

    static final int SEGMENT_BYTES = 1024 * 1024;   // the smallest segment.bytes Kafka 4 accepts
    static final long SEGMENT_MS = Duration.ofMinutes(1).toMillis();

    private SegmentRollLab() {
    }

    /**
     * @param bySize          the partition after {@code events} records with {@code segment.bytes=1 MiB}
     * @param byTimeOffsets   base offsets of the segments of the {@code segment.ms=60000} topic
     * @param byTimeFirstTimestamps event time of the first record of each of those segments
     */
    record Result(int events, LogInspector.Snapshot bySize, List<Long> byTimeOffsets,
            List<Long> byTimeFirstTimestamps, long byTimeStart) {
    }

    public static void main(String[] args) {
        int impressions = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        TuningLabRunner.run("session13 segment-roll", false, (kafka, out) -> run(kafka, out, impressions));
    }

    static Result run(KafkaFixture kafka, PrintStream out, int impressions) throws Exception {
        out.println("1) segment.bytes: roll when the active segment is full");
        String bySizeTopic = kafka.createTopic("ad-events", 1, kafka.defaultReplicationFactor(),
                Map.of("segment.bytes", String.valueOf(SEGMENT_BYTES)));
        // Event times in the past: a segment holding future timestamps is never deleted by retention.ms.
        Instant recent = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofMinutes(10));
        List<AdEvent> events = AdEventGenerator.builder().seed(13).impressions(impressions).startingAt(recent)
                .build().generate().distinctEvents();
        KafkaProducer<String, String> producer = kafka.stringProducer();
        events.forEach(e -> producer.send(new ProducerRecord<>(bySizeTopic, null, e.timestamp(), e.campaignId(),
                AdEventJson.toJson(e))));
        producer.flush();
        TopicPartition sizePartition = new TopicPartition(bySizeTopic, 0);
        LogInspector.Snapshot bySize = LogInspector.snapshot(kafka.admin(), sizePartition);
        out.printf("Produced %,d ad events (%,d bytes of JSON) to %s, segment.bytes=%,d%n", events.size(),
                events.stream().mapToLong(e -> AdEventJson.toBytes(e).length).sum(), bySizeTopic, SEGMENT_BYTES);
        LogInspector.print(out, "partition 0", bySize);
        bySize.directory().ifPresent(dir -> out.println("    in " + dir));

        out.println();
        out.println("2) segment.ms: roll when the active segment's records span more than segment.ms of event time");
        String byTimeTopic = kafka.createTopic("ad-events", 1, kafka.defaultReplicationFactor(),
                Map.of("segment.ms", String.valueOf(SEGMENT_MS)));
        Instant start = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(6));
        List<AdEvent> perSecond = AdEventGenerator.builder().seed(14).impressions(300).eventsPerSecond(1)
                .clickThroughRate(0).startingAt(start).build().generate().distinctEvents();
        // One record per request: a batch is appended whole, so batching would blur where the roll happens.
        for (AdEvent e : perSecond) {
            sendAndWait(producer, new ProducerRecord<>(byTimeTopic, null, e.timestamp(), e.campaignId(),
                    AdEventJson.toJson(e)));
        }
        TopicPartition timePartition = new TopicPartition(byTimeTopic, 0);
        LogInspector.Snapshot byTime = LogInspector.snapshot(kafka.admin(), timePartition);
        out.printf("Produced %d events, one per second of event time from %s, to %s, segment.ms=%,d%n",
                perSecond.size(), time(start.toEpochMilli()), byTimeTopic, SEGMENT_MS);
        List<Long> baseOffsets = byTime.directory().isPresent() ? byTime.liveBaseOffsets()
                : List.of();   // not on this disk: the roll points are then not visible from here
        List<Long> firstTimestamps = new ArrayList<>();
        KafkaConsumer<String, String> consumer = kafka.consumer(kafka.groupId("inspect"),
                Map.of(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(),
                new StringDeserializer());
        consumer.assign(List.of(timePartition));
        for (long base : baseOffsets) {
            consumer.seek(timePartition, base);
            ConsumerRecord<String, String> first = Consume.records(consumer, 1).get(0);
            firstTimestamps.add(first.timestamp());
        }
        LogInspector.print(out, "partition 0", byTime);
        for (int i = 0; i < baseOffsets.size(); i++) {
            long records = (i + 1 < baseOffsets.size() ? baseOffsets.get(i + 1) : byTime.endOffset())
                    - baseOffsets.get(i);
            out.printf("    segment %3d: first record at %s, %d records%n", baseOffsets.get(i),
                    time(firstTimestamps.get(i)), records);
        }
        return new Result(events.size(), bySize, baseOffsets, firstTimestamps, start.toEpochMilli());
    }

    static <K, V> void sendAndWait(KafkaProducer<K, V> producer, ProducerRecord<K, V> record) {
        try {
            producer.send(record).get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("Send to " + record.topic() + " failed: " + e.getCause().getMessage(),
                    e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while sending to " + record.topic(), e);
        }
    }

    private static final DateTimeFormatter HH_MM_SS = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

    static String time(long epochMillis) {
        return HH_MM_SS.format(Instant.ofEpochMilli(epochMillis));
    }
}
