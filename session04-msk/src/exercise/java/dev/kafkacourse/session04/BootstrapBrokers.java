package dev.kafkacourse.session04;

import dev.kafkacourse.support.profile.ProfileKind;

/** Picks the bootstrap string for a client profile from MSK's GetBootstrapBrokers answer. */
public final class BootstrapBrokers {

    private BootstrapBrokers() {
    }

    /**
     * The value of KAFKA_BOOTSTRAP_SERVERS for {@code kind} from the JSON that
     * {@code aws kafka get-bootstrap-brokers --cluster-arn ...} prints; the public endpoint when
     * {@code publicAccess}. Missing field: IllegalStateException naming the field (that listener is not enabled).
     */
    public static String choose(String getBootstrapBrokersJson, ProfileKind kind, boolean publicAccess) {
        throw new UnsupportedOperationException("TODO: read the field of this listener (private or public) from "
                + "the JSON, and refuse clearly when the cluster does not have it");
    }
}
