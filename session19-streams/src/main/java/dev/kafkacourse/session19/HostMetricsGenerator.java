package dev.kafkacourse.session19;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded server metrics: every host reports cpu and memory every 5 seconds; one host runs hot for one minute, so
 * a correct pipeline raises exactly the alerts the samples call for.
 */
public final class HostMetricsGenerator {

    public static final String HOT_HOST = "web-2";

    private HostMetricsGenerator() {
    }

    /** Samples in time order for {@code hosts} hosts over {@code minutes} minutes from {@code start}. */
    public static List<HostMetric> generate(long seed, int hosts, int minutes, long start) {
        SplittableRandom random = new SplittableRandom(seed);
        List<HostMetric> samples = new ArrayList<>();
        for (long t = start; t < start + minutes * 60_000L; t += 5_000) {
            int minute = (int) ((t - start) / 60_000);
            for (int h = 1; h <= hosts; h++) {
                String host = "web-" + h;
                boolean hot = host.equals(HOT_HOST) && minute == 2;
                double cpu = hot ? 85 + random.nextInt(150) / 10.0 : 20 + random.nextInt(500) / 10.0;
                double memory = 50 + random.nextInt(300) / 10.0;
                samples.add(new HostMetric(host, "cpu", cpu, t));
                samples.add(new HostMetric(host, "memory", memory, t));
            }
        }
        return samples;
    }
}
