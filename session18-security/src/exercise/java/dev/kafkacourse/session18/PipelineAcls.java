package dev.kafkacourse.session18;

import java.util.List;
import org.apache.kafka.common.acl.AclBinding;

/** Exercise 1 (core): least-privilege ACLs for the pipeline's principals. */
public final class PipelineAcls {

    private PipelineAcls() {
    }

    /**
     * The ACLs that let each principal of {@code pipeline} do its job and nothing more, on a cluster with
     * {@code allow.everyone.if.no.acl.found=false}:
     * <ul>
     *   <li>collector: publishes to the events topic;</li>
     *   <li>stats app: consumes the events topic in its own group, and with a transactional producer (ids starting
     *       with {@link Pipeline#statsTransactionalIdPrefix()}, one per instance) writes the stats topic and the
     *       dead-letter topic and commits its group's offsets inside the transaction;</li>
     *   <li>replayer: consumes the dead-letter topic in its own group and publishes the repaired events to the
     *       events topic;</li>
     *   <li>operator: describes every topic, its configs and every consumer group (to watch lag), but reads,
     *       writes, deletes and changes nothing.</li>
     * </ul>
     * Principals are {@code User:<name>}; allow from any host.
     */
    public static List<AclBinding> leastPrivilege(Pipeline pipeline) {
        throw new UnsupportedOperationException("TODO: the ALLOW ACLs each principal of the pipeline needs, and no "
                + "more (topics, groups, transactional ids)");
    }
}
