package dev.kafkacourse.support.lab;

import dev.kafkacourse.support.kafka.KafkaClusters;
import dev.kafkacourse.support.kafka.KafkaFixture;
import dev.kafkacourse.support.kafka.KafkaSettingsException;
import java.io.PrintStream;

/**
 * Runs a lab's {@code main}: connects to the selected cluster, prints where it runs, runs the lab, and stops the
 * in-JVM broker afterwards (Kafka's threads would otherwise keep the JVM alive).
 */
public final class LabRunner {

    /** The body of a lab: everything it does, printed to {@code out}. */
    @FunctionalInterface
    public interface Lab {
        void run(KafkaFixture kafka, PrintStream out) throws Exception;
    }

    private LabRunner() {
    }

    public static void run(String labName, Lab lab) {
        PrintStream out = System.out;
        int status = 0;
        try (KafkaFixture kafka = KafkaFixture.forLab(labName)) {
            out.printf("== %s == (%s, ready in %d ms)%n%n", labName, kafka.cluster().describe(),
                    KafkaClusters.sharedStartTime().toMillis());
            lab.run(kafka, out);
        } catch (KafkaSettingsException e) {
            out.println("Kafka setting problem: " + e.getMessage());
            status = 2;
        } catch (Exception e) {
            out.println("Lab failed: " + e);
            e.printStackTrace(out);
            status = 1;
        } finally {
            KafkaClusters.closeShared();
        }
        System.exit(status);
    }
}
