package dev.kafkacourse.session11;

import java.util.Map;
import java.util.Set;

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
            throw new UnsupportedOperationException("TODO: refuse combinations that break ordering or durability "
                    + "(naming the setting and the fix), then return every setting as producer config");
        }
    }
}
