package dev.kafkacourse.session12;

import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Slow per-record work that waits rather than computes, like a database write or an HTTP call: 2–5 ms per record,
 * the same for the same record in every run (derived from its partition and offset), so designs are compared on
 * identical work. Waiting costs no CPU, which is why more threads help on a 2-core machine.
 */
public final class SimulatedIo {

    private SimulatedIo() {
    }

    /** The milliseconds of simulated I/O for {@code record}: 2, 3, 4 or 5. */
    public static int millisFor(ConsumerRecord<?, ?> record) {
        return 2 + Math.floorMod(31 * record.partition() + Long.hashCode(record.offset() * 0x9E3779B97F4A7C15L), 4);
    }

    /** Waits as long as the record's simulated I/O takes, then runs {@code then}. */
    public static RecordWork then(RecordWork then) {
        return record -> {
            // The simulated I/O itself: a blocking call that takes a few milliseconds.
            Thread.sleep(millisFor(record));
            then.process(record);
        };
    }
}
