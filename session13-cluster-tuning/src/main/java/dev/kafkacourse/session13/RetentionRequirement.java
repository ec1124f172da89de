package dev.kafkacourse.session13;

import java.time.Duration;

/**
 * What a topic's storage has to satisfy: the input of exercise 2 ({@link RetentionPlanner}). Values are not checked
 * here: deciding what is acceptable is the planner's job.
 *
 * @param diskBudgetBytes      disk this topic may use across the whole cluster, all replicas included
 * @param ingestBytesPerSecond bytes written to the topic per second at peak, as stored (after compression)
 * @param replicationFactor    replicas per partition
 * @param partitions           partitions of the topic (traffic is assumed to spread evenly over them)
 * @param replayWindow         how far back consumers must always be able to re-read
 */
public record RetentionRequirement(long diskBudgetBytes, long ingestBytesPerSecond, int replicationFactor,
        int partitions, Duration replayWindow) {
}
