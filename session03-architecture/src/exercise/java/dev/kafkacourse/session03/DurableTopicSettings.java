package dev.kafkacourse.session03;

/**
 * Exercise 2: turn a durability requirement into the settings of a topic and of the producer that writes it. The
 * topic is {@code ad-clicks}, whose records are what advertisers are billed for; the same planner serves every
 * topic whose requirement is stated in brokers ({@link DurabilityRequirement}). The plan must meet this:
 * <ol>
 *   <li>A record the producer saw acknowledged survives the loss of any {@code survivesBrokersLost} brokers,
 *       including when every in-sync replica is lost and the replica that comes back first is one that was out
 *       of sync.</li>
 *   <li>With any {@code writableWithBrokersDown} brokers down, writes keep succeeding.</li>
 *   <li>A write that could not be kept as point 1 promises is refused (the producer's send fails) rather than
 *       acknowledged.</li>
 *   <li>It uses the fewest replicas that meet points 1 to 3.</li>
 *   <li>Producer retries never write a record twice, and the settings say so explicitly, so that a later change
 *       elsewhere cannot silently turn that off.</li>
 * </ol>
 * Do not rely on the cluster's defaults: put every setting the requirement depends on in the plan. The test
 * cluster is configured the unsafe way on purpose: {@code min.insync.replicas=1} (Kafka's default) and
 * {@code unclean.leader.election.enable=true} (the value in Amazon MSK's default configuration).
 */
public final class DurableTopicSettings {

    private DurableTopicSettings() {
    }

    /**
     * Replication factor, topic configs and producer configs that meet {@code requirement} as described above.
     *
     * @throws IllegalArgumentException if a number in the requirement is negative, or the cluster has too few
     *                                  brokers to meet it; the message then says how many brokers it would take
     */
    public static DurabilityPlan plan(DurabilityRequirement requirement) {
        // TODO: work out, from the requirement, how many copies an acknowledged record needs, how many replicas
        //  the topic needs on top of that, and which topic and producer settings make the broker enforce it (see
        //  the guide: acks, min.insync.replicas, unclean.leader.election.enable, enable.idempotence).
        throw new UnsupportedOperationException("TODO session03 exercise 2: implement DurableTopicSettings.plan");
    }
}
