package dev.kafkacourse.session13;

import dev.kafkacourse.support.kafka.ClusterSpec;
import dev.kafkacourse.support.kafka.KafkaMode;
import dev.kafkacourse.support.lab.LabRunner;
import java.io.PrintStream;

/**
 * Runs a lab's {@code main} on a single-broker cluster of its own with {@link FastBrokerChecks}, so retention and
 * the log cleaner act within a second instead of minutes. On an external cluster (MSK, a team cluster) broker
 * settings cannot be given from here: labs that wait for retention or compaction explain that and stop, the others
 * run there unchanged.
 */
final class TuningLabRunner {

    private TuningLabRunner() {
    }

    /**
     * @param needsFastBrokerChecks the lab waits for the retention check or the log cleaner
     */
    static void run(String labName, boolean needsFastBrokerChecks, LabRunner.Lab lab) {
        PrintStream out = System.out;
        if (KafkaMode.resolve() == KafkaMode.EXTERNAL) {
            if (needsFastBrokerChecks) {
                out.printf("%s waits for the broker's retention check and log cleaner. On this lab's own cluster they%n"
                        + "run every second (%s, %s); an external cluster runs them on its own settings (MSK: every%n"
                        + "5 minutes and after 15 s of cleaner back-off), which cannot be changed from a client.%n"
                        + "Run it on the embedded backend instead: KAFKA_MODE=embedded ./course lab 13 %s%n",
                        labName, FastBrokerChecks.RETENTION_CHECK_INTERVAL, FastBrokerChecks.CLEANER_BACKOFF,
                        labName.substring(labName.indexOf(' ') + 1));
                System.exit(2);
            }
            LabRunner.run(labName, lab);
            return;
        }
        LabRunner.runOnOwnCluster(labName, ClusterSpec.of(1, FastBrokerChecks.ALL), lab);
    }
}
