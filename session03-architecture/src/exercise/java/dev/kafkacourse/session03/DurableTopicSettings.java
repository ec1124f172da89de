package dev.kafkacourse.session03;

/**
 * Exercise 2: choose the settings of the {@code ad-clicks} topic, whose records are what advertisers are billed
 * for, and of the producer that writes it, so that they meet this requirement on a 3-broker cluster:
 * <ol>
 *   <li>A record the producer saw acknowledged survives the loss of brokers that held it, including when every
 *       in-sync replica is lost and the only replica that comes back first is one that was out of sync.</li>
 *   <li>With any one of the three brokers down, writes keep succeeding.</li>
 *   <li>When only one replica of a partition is in sync, writes are refused (the producer's send fails) rather than
 *       acknowledged with a single copy.</li>
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

    /** Replication factor, topic configs and producer configs that meet the requirement above. */
    public static DurabilityPlan plan() {
        // TODO: return new DurabilityPlan(replicationFactor, topicConfigs, producerConfigs) with the settings that
        //  meet each numbered point (see the guide: acks, min.insync.replicas, unclean.leader.election.enable,
        //  enable.idempotence).
        throw new UnsupportedOperationException("TODO session03 exercise 2: implement DurableTopicSettings.plan");
    }
}
