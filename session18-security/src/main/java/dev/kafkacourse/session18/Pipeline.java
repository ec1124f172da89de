package dev.kafkacourse.session18;

import dev.kafkacourse.support.kafka.KafkaFixture;
import dev.kafkacourse.support.kafka.Topics;
import dev.kafkacourse.support.security.SecureKafkaCluster;
import java.util.List;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * The ad-stats pipeline as the authorizer sees it: who runs (the principals, as SCRAM user names) and what they
 * touch (topics, consumer groups, transactional ids).
 *
 * @param collector             the HTTP collector: publishes raw events
 * @param statsApp              the exactly-once stats job: reads raw events, writes 1-minute stats and dead letters
 * @param replayer              the DLQ replayer: reads dead letters, publishes the repaired events again
 * @param operator              the on-call operator: looks at topics, configs, groups and lag, never at records
 * @param events                raw events topic ({@code ad-events})
 * @param stats                 1-minute statistics topic ({@code ad-stats-1m})
 * @param deadLetters           dead-letter topic: always {@code events + "-dlq"} ({@code ad-events-dlq})
 * @param statsGroup            the stats job's consumer group
 * @param replayerGroup         the replayer's consumer group
 * @param statsTransactionalIdPrefix every stats job instance uses {@code prefix + instance number} as its
 *                              {@code transactional.id} ({@code ad-stats-eos-0}, {@code ad-stats-eos-1}, ...)
 */
public record Pipeline(String collector, String statsApp, String replayer, String operator, String events,
        String stats, String deadLetters, String statsGroup, String replayerGroup,
        String statsTransactionalIdPrefix) {

    /** The names used in production (MSK). */
    public static Pipeline production() {
        return new Pipeline("collector", "stats-app", "dlq-replayer", "operator", "ad-events", "ad-stats-1m",
                "ad-events-dlq", "ad-stats", "ad-events-dlq-replayer", "ad-stats-eos-");
    }

    /**
     * Names no other test or lab of this JVM uses (users and ACLs are cluster-wide), keeping the production
     * relations: the DLQ is the events topic plus {@code -dlq}, so a prefix that is too wide shows.
     */
    public static Pipeline unique(KafkaFixture kafka) {
        String events = kafka.topicName("ad-events");
        return new Pipeline(SecureKafkaCluster.uniqueUserName("collector"),
                SecureKafkaCluster.uniqueUserName("stats-app"), SecureKafkaCluster.uniqueUserName("dlq-replayer"),
                SecureKafkaCluster.uniqueUserName("operator"), events, kafka.topicName("ad-stats-1m"),
                events + "-dlq", kafka.groupId("ad-stats"), kafka.groupId("ad-events-dlq-replayer"),
                kafka.groupId("ad-stats-eos") + "-");
    }

    public List<String> users() {
        return List.of(collector, statsApp, replayer, operator);
    }

    public List<String> topics() {
        return List.of(events, stats, deadLetters);
    }

    /** The transactional id of stats job instance {@code instance}. */
    public String statsTransactionalId(int instance) {
        return statsTransactionalIdPrefix + instance;
    }

    /** Creates the three topics (as an administrator) and waits for their leaders. */
    public void createTopics(Admin admin, int partitions) throws ExecutionException, InterruptedException {
        admin.createTopics(topics().stream().map(t -> new NewTopic(t, partitions, (short) 1)).toList()).all().get();
        for (String topic : topics()) {
            Topics.awaitLeaders(admin, topic, partitions);
        }
    }
}
