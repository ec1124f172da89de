package dev.kafkacourse.session12;

import dev.kafkacourse.support.domain.GeneratedEvents;
import dev.kafkacourse.support.kafka.KafkaFixture;
import dev.kafkacourse.support.kafka.Offsets;
import dev.kafkacourse.support.lab.LabRunner;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * Lab: the book's two multi-threaded designs on slow per-record work (2–5 ms of simulated I/O per record).
 *
 * <ol>
 *   <li>single thread: one consumer processes every record itself;</li>
 *   <li>thread-per-consumer: one consumer per partition in one group, each on its own thread;</li>
 *   <li>worker pool: one consumer hands records to lanes by key ({@link WorkerPoolConsumer}), commits only
 *       completed contiguous offsets;</li>
 *   <li>the worker pool again with a second member joining halfway: the rebalance moves partitions while records
 *       are in flight, and still no event is lost or applied twice, and every campaign's events are applied in
 *       produce order.</li>
 * </ol>
 */
public final class MultiThreadedLab {

    static final int PARTITIONS = 6;
    static final int LANES = 16;
    static final int MAX_IN_FLIGHT = 64;
    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    private MultiThreadedLab() {
    }

    /** One design's run; {@code millis} from the first record applied to the last (group joins left out). */
    record Design(String name, int records, long millis, ProcessedLog.Accounting accounting) {
        double perSecond() {
            return records * 1000.0 / Math.max(1, millis);
        }
    }

    /** What the lab observed. */
    record Result(List<Design> designs, ProcessedLog.Accounting rebalanceRun, int revocations,
            Map<TopicPartition, Long> committedAfterRebalanceRun, Map<TopicPartition, Long> endOffsets) {
    }

    public static void main(String[] args) {
        int impressions = args.length > 0 ? Integer.parseInt(args[0]) : 2_000;
        LabRunner.run("session12 multi-threaded", (kafka, out) -> run(kafka, out, impressions));
    }

    static Result run(KafkaFixture kafka, PrintStream out, int impressions) {
        GeneratedEvents traffic = Traffic.clean(12, impressions);
        int total = traffic.records().size();
        String topic = Traffic.produce(kafka, "ad-events", PARTITIONS, traffic);
        out.printf("Produced %,d ad events to %s (%d partitions); each record costs 2–5 ms of simulated I/O%n%n",
                total, topic, PARTITIONS);

        List<Design> designs = new ArrayList<>();
        designs.add(syncDesign(kafka, topic, traffic, "single thread", 1));
        designs.add(syncDesign(kafka, topic, traffic, "thread-per-consumer (" + PARTITIONS + ")", PARTITIONS));
        designs.add(poolDesign(kafka, topic, traffic));
        double single = designs.get(0).perSecond();
        out.println("design                               records   time ms   records/s   vs single   lost  dup  "
                + "key-order breaks");
        for (Design d : designs) {
            out.printf("%-35s %8d  %8d  %10.0f  %9.1fx  %5d %4d  %d%n", d.name(), d.records(), d.millis(),
                    d.perSecond(), d.perSecond() / single, d.accounting().lost(), d.accounting().duplicates(),
                    d.accounting().keyOrderBreaks());
        }

        // The pool again, with a second member joining halfway: records in flight while partitions move.
        String group = kafka.groupId("pool-rebalance");
        ProcessedLog log = new ProcessedLog();
        RecordWork work = SimulatedIo.then(log::apply);
        WorkerPoolConsumer first = new WorkerPoolConsumer(Traffic.consumer(kafka, group, Map.of()), topic, LANES,
                MAX_IN_FLIGHT, work).start();
        Traffic.await("half of the records applied", TIMEOUT, () -> log.size() >= total / 2 || failed(first));
        int appliedAtJoin = log.size();
        WorkerPoolConsumer second = new WorkerPoolConsumer(Traffic.consumer(kafka, group, Map.of()), topic, LANES,
                MAX_IN_FLIGHT, work).start();
        Traffic.await("every record applied", TIMEOUT, () -> log.size() >= total || failed(first) || failed(second));
        // Applied count alone could hide a loss behind a duplicate: also wait until the commits reach the end.
        Map<TopicPartition, Long> endOffsets = Offsets.end(kafka.admin(), topic);
        Traffic.await("the group's commits to reach the end offsets", TIMEOUT,
                () -> Offsets.committed(kafka.admin(), group).equals(endOffsets) || failed(first) || failed(second));
        first.close();
        second.close();
        rethrow(first);
        rethrow(second);
        ProcessedLog.Accounting accounting = log.accountFor(traffic);
        Map<TopicPartition, Long> committed = Offsets.committed(kafka.admin(), group);
        Map<TopicPartition, Long> ends = Offsets.end(kafka.admin(), topic);
        out.printf("%nWorker pool with a second member joining after %,d of %,d records: revocations %d (first) + %d "
                + "(second)%n", appliedAtJoin, total, first.revocations(), second.revocations());
        out.printf("  applied %,d, lost %d, duplicated %d, key-order breaks %d; committed offsets %s end offsets%n",
                accounting.applied(), accounting.lost(), accounting.duplicates(), accounting.keyOrderBreaks(),
                committed.equals(ends) ? "==" : "!=");
        return new Result(designs, accounting, first.revocations(), committed, ends);
    }

    private static Design syncDesign(KafkaFixture kafka, String topic, GeneratedEvents traffic, String name,
            int consumers) {
        String group = kafka.groupId("sync");
        ProcessedLog log = new ProcessedLog();
        RecordWork work = SimulatedIo.then(log::apply);
        int total = traffic.records().size();
        List<SyncConsumerLoop> loops = new ArrayList<>();
        for (int i = 0; i < consumers; i++) {
            loops.add(new SyncConsumerLoop(Traffic.consumer(kafka, group, Map.of()), topic, work, "consumer-" + i)
                    .start());
        }
        Traffic.await(name + " to apply every record", TIMEOUT,
                () -> log.size() >= total || loops.stream().anyMatch(l -> l.failure() != null));
        long millis = log.activeMillis();
        loops.forEach(SyncConsumerLoop::close);
        for (SyncConsumerLoop loop : loops) {
            if (loop.failure() != null) {
                throw new IllegalStateException(name + " failed", loop.failure());
            }
        }
        return new Design(name, total, millis, log.accountFor(traffic));
    }

    private static Design poolDesign(KafkaFixture kafka, String topic, GeneratedEvents traffic) {
        ProcessedLog log = new ProcessedLog();
        int total = traffic.records().size();
        WorkerPoolConsumer pool = new WorkerPoolConsumer(Traffic.consumer(kafka, kafka.groupId("pool"), Map.of()),
                topic, LANES, MAX_IN_FLIGHT, SimulatedIo.then(log::apply)).start();
        Traffic.await("the pool to apply every record", TIMEOUT, () -> log.size() >= total || failed(pool));
        long millis = log.activeMillis();
        pool.close();
        rethrow(pool);
        return new Design("worker pool (1 consumer, " + LANES + " lanes)", total, millis, log.accountFor(traffic));
    }

    private static boolean failed(WorkerPoolConsumer pool) {
        return pool.failure() != null;
    }

    private static void rethrow(WorkerPoolConsumer pool) {
        if (pool.failure() != null) {
            throw new IllegalStateException("The worker pool failed", pool.failure());
        }
    }
}
