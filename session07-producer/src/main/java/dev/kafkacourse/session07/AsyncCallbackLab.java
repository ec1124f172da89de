package dev.kafkacourse.session07;

import dev.kafkacourse.support.domain.AdEvent;
import dev.kafkacourse.support.domain.AdEventGenerator;
import dev.kafkacourse.support.kafka.KafkaFixture;
import dev.kafkacourse.support.lab.LabRunner;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Lab 2: asynchronous sends with a callback. The loop is as fast as fire-and-forget, and every record's outcome
 * still comes back: where it was written, or why not. The callback runs on the producer's I/O thread, one per
 * producer, which is why it must be quick and must never block.
 */
public final class AsyncCallbackLab {

    private AsyncCallbackLab() {
    }

    /** What the lab observed. */
    record Result(int attempted, long acknowledged, long failed, Set<String> callbackThreads,
            Map<String, Set<Integer>> partitionsPerCampaign, SendReport report) {
    }

    public static void main(String[] args) {
        int impressions = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        LabRunner.run("session07 async-callback", (kafka, out) -> run(kafka, out, impressions));
    }

    static Result run(KafkaFixture kafka, PrintStream out, int impressions) {
        List<AdEvent> events = AdEventGenerator.builder().seed(8).impressions(impressions).campaigns(10)
                .build().generate().distinctEvents();
        String topic = kafka.createTopic("ad-events", 3);

        Latencies latencies = new Latencies();
        Set<String> callbackThreads = new ConcurrentSkipListSet<>();
        Map<String, Set<Integer>> partitionsPerCampaign = new ConcurrentHashMap<>();
        Map<Integer, AtomicLong> perPartition = new ConcurrentHashMap<>();
        AtomicLong acknowledged = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        SendReport report;
        long loop;
        long total;
        try (AdEventProducer producer = new AdEventProducer(kafka.producerConfig(), topic)) {
            long start = System.nanoTime();
            for (AdEvent event : events) {
                producer.send(event, outcome -> {
                    // Runs on the producer's I/O thread: record and return, nothing slow here.
                    latencies.add(outcome.latency().toNanos());
                    callbackThreads.add(Thread.currentThread().getName());
                    if (outcome.isSent()) {
                        acknowledged.incrementAndGet();
                        int partition = outcome.metadata().partition();
                        perPartition.computeIfAbsent(partition, p -> new AtomicLong()).incrementAndGet();
                        partitionsPerCampaign.computeIfAbsent(outcome.event().campaignId(),
                                c -> new ConcurrentSkipListSet<>()).add(partition);
                    } else {
                        failed.incrementAndGet();
                    }
                });
            }
            loop = System.nanoTime() - start;
            producer.flush();
            total = System.nanoTime() - start;
            report = producer.report();
        }

        out.printf("%,d events sent with producer.send(event, callback) to %s%n", events.size(), topic);
        out.printf("  send() loop returned after %,.0f ms; last callback after %,.0f ms -> %,.0f events/s%n",
                LabSupport.millis(loop), LabSupport.millis(total), Latencies.perSecond(events.size(), total));
        out.printf("  per-record latency, send() to callback: %s%n", latencies.summary());
        out.printf("  callbacks: %,d acknowledged, %,d failed, run on %s%n", acknowledged.get(), failed.get(),
                callbackThreads);
        Map<Integer, Long> counts = new TreeMap<>();
        perPartition.forEach((partition, count) -> counts.put(partition, count.get()));
        out.printf("  acknowledged per partition: %s%n", counts);
        Map<String, Set<Integer>> sorted = new TreeMap<>();
        partitionsPerCampaign.forEach((campaign, partitions) -> sorted.put(campaign, new TreeSet<>(partitions)));
        out.printf("  key = campaignId, so each campaign has one partition: %s%n", sorted);
        out.printf("  AdEventProducer report: %s%n", report);
        return new Result(events.size(), acknowledged.get(), failed.get(), Set.copyOf(callbackThreads), sorted,
                report);
    }
}
