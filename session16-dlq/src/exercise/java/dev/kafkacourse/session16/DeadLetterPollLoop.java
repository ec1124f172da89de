package dev.kafkacourse.session16;

import java.time.Duration;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.Producer;

/**
 * Exercise 1 (core): one turn of a poll loop that never stops on a poison pill and never loses one. A record that
 * fails goes to the dead-letter topic with the full header set, the loop moves on to the next record, and the
 * offsets are committed only once every dead letter of the poll is safely on the broker.
 */
public final class DeadLetterPollLoop {

    private DeadLetterPollLoop() {
    }

    /**
     * One turn on a subscribed consumer whose {@code enable.auto.commit} is false.
     *
     * <ol>
     *   <li>Poll once. No records: return {@link PollOutcome#NOTHING}, commit nothing.</li>
     *   <li>Give every record to {@code processor}. When it throws, send the record to {@code target.topic()} as
     *       a dead letter made by {@link DeadLetters} (with the group and the time from {@code target}), and go on
     *       with the next record.</li>
     *   <li>Before committing, make sure the broker has every dead letter of this poll. If one could not be
     *       written, throw and commit nothing: the poll is read again rather than lost.</li>
     *   <li>Commit synchronously, for every partition in the poll, the offset after its last record: processed
     *       and dead-lettered records alike.</li>
     * </ol>
     *
     * @return how many records were processed and dead-lettered, and the offsets committed
     */
    public static PollOutcome pollOnce(Consumer<String, byte[]> consumer, Producer<String, byte[]> dlqProducer,
            RecordProcessor processor, DeadLetterTarget target, Duration timeout) {
        // TODO: poll; process each record, dead-letter the ones that fail and carry on; wait until the broker has
        //  every dead letter; then commit the next offset of every partition in the poll.
        throw new UnsupportedOperationException("TODO session16 exercise 1: implement DeadLetterPollLoop.pollOnce");
    }
}
