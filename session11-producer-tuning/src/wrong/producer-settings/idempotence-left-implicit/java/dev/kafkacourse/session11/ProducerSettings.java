// Known-wrong answer: writes enable.idempotence only when it is on; Kafka 4 then turns it back on by default
package dev.kafkacourse.session11;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * Exercise (core): a producer config builder for the ad-event pipeline that takes tuning settings and refuses the
 * combinations that would break per-key ordering or durability, with a message naming the setting and the fix.
 */
public final class ProducerSettings {

    static final Set<String> COMPRESSIONS = Set.of("none", "gzip", "snappy", "lz4", "zstd");

    private ProducerSettings() {
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Starts from Kafka 4's producer defaults. */
    public static final class Builder {
        private String acks = "all";
        private int lingerMs = 5;
        private int batchSize = 16_384;
        private String compression = "none";
        private int maxInFlight = 5;
        private boolean idempotence = true;
        private int retries = Integer.MAX_VALUE;
        private boolean ordering;
        private boolean durability;

        public Builder acks(String acks) {
            this.acks = acks;
            return this;
        }

        public Builder lingerMs(int lingerMs) {
            this.lingerMs = lingerMs;
            return this;
        }

        public Builder batchSize(int batchSize) {
            this.batchSize = batchSize;
            return this;
        }

        public Builder compression(String compression) {
            this.compression = compression;
            return this;
        }

        public Builder maxInFlight(int maxInFlight) {
            this.maxInFlight = maxInFlight;
            return this;
        }

        public Builder idempotence(boolean idempotence) {
            this.idempotence = idempotence;
            return this;
        }

        public Builder retries(int retries) {
            this.retries = retries;
            return this;
        }

        /** Records of one key must reach the partition in the order they were sent, retries included. */
        public Builder requireOrdering() {
            this.ordering = true;
            return this;
        }

        /** An acknowledged record must survive the loss of the partition leader. */
        public Builder requireDurability() {
            this.durability = true;
            return this;
        }

        /**
         * The producer settings: every key set explicitly (Kafka's defaults differ between versions).
         *
         * @throws IllegalArgumentException naming the setting and the fix, for a combination that breaks ordering
         *     or durability, or that Kafka would refuse
         */
        public Map<String, Object> build() {
            if (!COMPRESSIONS.contains(compression)) {
                throw new IllegalArgumentException(ProducerConfig.COMPRESSION_TYPE_CONFIG + "=" + compression
                        + " is not a compression Kafka knows: use one of " + COMPRESSIONS);
            }
            if (idempotence && !acks.equals("all")) {
                throw new IllegalArgumentException(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG + "=true needs "
                        + ProducerConfig.ACKS_CONFIG + "=all (got acks=" + acks + "): set acks=all or switch "
                        + "idempotence off");
            }
            if (idempotence && maxInFlight > 5) {
                throw new IllegalArgumentException(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION + "="
                        + maxInFlight + " is more than an idempotent producer keeps in order: use at most 5");
            }
            if (ordering && !idempotence && retries > 0 && maxInFlight > 1) {
                // A failed batch retried behind a later batch that succeeded lands after it: the key's order breaks.
                throw new IllegalArgumentException(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION + "="
                        + maxInFlight + " with retries and " + ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG + "=false "
                        + "reorders a key's records on a retry: enable idempotence or set it to 1");
            }
            if (durability && !acks.equals("all")) {
                throw new IllegalArgumentException(ProducerConfig.ACKS_CONFIG + "=" + acks + " acknowledges before "
                        + "the followers have the record, so a leader failure loses it: use acks=all");
            }
            if (durability && retries == 0) {
                throw new IllegalArgumentException(ProducerConfig.RETRIES_CONFIG + "=0 drops a record on the first "
                        + "transient error: leave retries at its default and bound the time with delivery.timeout.ms");
            }
            Map<String, Object> config = new HashMap<>();
            config.put(ProducerConfig.ACKS_CONFIG, acks);
            config.put(ProducerConfig.LINGER_MS_CONFIG, lingerMs);
            config.put(ProducerConfig.BATCH_SIZE_CONFIG, batchSize);
            config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, compression);
            config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, maxInFlight);
            if (idempotence) {
                config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            }
            config.put(ProducerConfig.RETRIES_CONFIG, retries);
            return config;
        }
    }
}
