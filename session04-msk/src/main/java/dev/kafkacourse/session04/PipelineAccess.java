package dev.kafkacourse.session04;

import java.util.List;

/**
 * What one application of the pipeline does on the cluster: the topics it reads (in {@code group}), the topics it
 * writes. An IAM policy for MSK is derived from it (exercise {@code PipelinePolicy}).
 *
 * @param group the consumer group it reads in; null when it reads nothing
 */
public record PipelineAccess(String application, List<String> readTopics, List<String> writeTopics, String group) {
    public PipelineAccess {
        readTopics = List.copyOf(readTopics);
        writeTopics = List.copyOf(writeTopics);
        if (!readTopics.isEmpty() && group == null) {
            throw new IllegalArgumentException(application + " reads " + readTopics + " but has no group");
        }
    }

    /** The collector: produces ad-events. */
    public static PipelineAccess collector() {
        return new PipelineAccess("collector", List.of(), List.of("ad-events"), null);
    }

    /** The stats app: reads ad-events in group ad-stats, writes per-minute stats and dead letters. */
    public static PipelineAccess statsApp() {
        return new PipelineAccess("stats", List.of("ad-events"), List.of("ad-stats-1m", "ad-events-dlq"), "ad-stats");
    }
}
