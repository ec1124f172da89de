package dev.kafkacourse.session06;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The app's own settings, {@code adstats.*} in application.yml. Defaults live in application.yml only, so a
 * missing key is a deployment mistake and is reported with its name instead of silently falling back.
 */
@ConfigurationProperties("adstats")
public record AdStatsProperties(Topics topics, Groups groups, Batch batch, Confirmed confirmed) {

    public AdStatsProperties {
        require(topics, "adstats.topics");
        require(groups, "adstats.groups");
        require(batch, "adstats.batch");
        require(confirmed, "adstats.confirmed");
    }

    /**
     * @param events     the raw events topic ({@code ad-events})
     * @param partitions its partition count
     * @param replicas   its replication factor; -1 leaves it to the broker's {@code default.replication.factor}
     */
    public record Topics(String events, int partitions, short replicas) {
        public Topics {
            require(events, "adstats.topics.events");
            if (partitions < 1) {
                throw new IllegalArgumentException("adstats.topics.partitions must be at least 1, was " + partitions);
            }
        }
    }

    /** Consumer group ids: one per listener, because each listener wants every event. */
    public record Groups(String stats, String typeCounter) {
        public Groups {
            require(stats, "adstats.groups.stats");
            require(typeCounter, "adstats.groups.type-counter");
        }
    }

    /** The custom container factory's consumer threads and batch size. */
    public record Batch(int concurrency, int maxPollRecords) {
        public Batch {
            if (concurrency < 1 || maxPollRecords < 1) {
                throw new IllegalArgumentException("adstats.batch.concurrency and adstats.batch.max-poll-records must "
                        + "be at least 1, were " + concurrency + " and " + maxPollRecords);
            }
        }
    }

    /** How long a confirmed send may take. */
    public record Confirmed(Duration timeout) {
        public Confirmed {
            require(timeout, "adstats.confirmed.timeout");
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("adstats.confirmed.timeout must be positive, was " + timeout);
            }
        }
    }

    private static void require(Object value, String key) {
        if (value == null) {
            throw new IllegalArgumentException(key + " is not set: add it to application.yml (see session06's default)");
        }
    }
}
