package dev.kafkacourse.session16;

import java.time.Clock;
import java.time.Duration;
import org.apache.kafka.clients.consumer.Consumer;

/**
 * Exercise 3: one turn of a delay queue's poll loop. A record is processed no earlier than it is due; a partition
 * whose next record is not due yet is paused, never slept on, so the consumer keeps polling and stays in its group.
 */
public final class DelayGate {

    private DelayGate() {
    }

    /**
     * One turn on a subscribed consumer whose {@code enable.auto.commit} is false.
     *
     * <ol>
     *   <li>Resume the partitions {@code schedule.due(now)} says are due again.</li>
     *   <li>Poll once.</li>
     *   <li>Go through each partition's records in order. A record that is due ({@code schedule.dueAt(record)} not
     *       after now) is processed; if processing throws, hand it to {@code onFailure}. The first record that is
     *       not due yet stops that partition: nothing behind it is due either. It must be fetched again later, and
     *       the partition must not deliver anything until it is due (tell {@code schedule}).</li>
     *   <li>Commit synchronously the offset after the last record done in each partition, and nothing else.</li>
     * </ol>
     *
     * Never wait for a record inside this method: a consumer that does not poll for {@code max.poll.interval.ms}
     * is thrown out of its group.
     *
     * @return how many records were done (processed or handed to {@code onFailure})
     */
    public static int pollOnce(Consumer<String, byte[]> consumer, DelaySchedule schedule, RecordProcessor processor,
            FailureHandler onFailure, Clock clock, Duration timeout) throws Exception {
        // TODO: resume what is due; poll; process due records, pause (and rewind) partitions at the first one that
        //  is not; commit what was done.
        throw new UnsupportedOperationException("TODO session16 exercise 3: implement DelayGate.pollOnce");
    }
}
