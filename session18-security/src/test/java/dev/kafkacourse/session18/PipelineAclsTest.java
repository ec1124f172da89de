package dev.kafkacourse.session18;

import static dev.kafkacourse.session18.SecureTesting.assertAllowed;
import static dev.kafkacourse.session18.SecureTesting.assertDenied;
import static dev.kafkacourse.session18.SecureTesting.probeAll;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kafkacourse.support.kafka.KafkaFixture;
import dev.kafkacourse.support.security.SecureKafkaCluster;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.TransactionalIdAuthorizationException;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Exercise 1: the pipeline's ACLs applied to a real SASL_SSL broker with {@code allow.everyone.if.no.acl.found=false};
 * every grant proven by a call that succeeds, every denial by the exception the broker answers with.
 */
class PipelineAclsTest {

    private static SecureKafkaCluster cluster;
    private static KafkaFixture kafka;
    private static Pipeline pipeline;
    private static List<AclBinding> applied;
    private static RuntimeException applyFailure;

    @BeforeAll
    static void createPrincipalsAndTopics() throws Exception {
        cluster = SecureKafkaCluster.shared();
        kafka = KafkaFixture.on(cluster, "pipeline-acls");
        pipeline = Pipeline.unique(kafka);
        pipeline.createTopics(kafka.admin(), 1);
        Parallel.each(pipeline.users(), cluster::createUser);
        // One record in each input topic, written by the administrator, so reads have something to read.
        try (var producer = Probes.producer(cluster.clientProperties(SecureKafkaCluster.SUPER_USER), Map.of())) {
            producer.send(new ProducerRecord<>(pipeline.events(), "seed", "event")).get();
            producer.send(new ProducerRecord<>(pipeline.deadLetters(), "seed", "dead letter")).get();
        }
    }

    @AfterAll
    static void close() {
        kafka.close();
    }

    /** The learner's ACLs, created once and in force before the first probe. */
    private static synchronized List<AclBinding> acls() {
        if (applied == null && applyFailure == null) {
            try {
                List<AclBinding> acls = PipelineAcls.leastPrivilege(pipeline);
                cluster.createAcls(acls);
                applied = acls;
            } catch (RuntimeException e) {
                applyFailure = e;
            }
        }
        if (applyFailure != null) {
            throw applyFailure;
        }
        return applied;
    }

    private static Map<String, Object> as(String user) {
        acls();
        return cluster.clientProperties(user);
    }

    @Test
    void theCollectorPublishesRawEvents() {
        assertAllowed("collector writing " + pipeline.events(), Probes.produce(as(pipeline.collector()),
                pipeline.events()));
    }

    @Test
    void theCollectorCannotWriteStatsOrDeadLettersNorReadRawEvents() {
        Map<String, Object> collector = as(pipeline.collector());
        List<Outcome> outcomes = probeAll(
                () -> Probes.produce(collector, pipeline.stats()),
                () -> Probes.produce(collector, pipeline.deadLetters()),
                () -> Probes.consume(collector, pipeline.events(), null));
        assertDenied("collector writing the stats topic", outcomes.get(0), TopicAuthorizationException.class);
        assertDenied("collector writing the dead-letter topic " + pipeline.deadLetters(), outcomes.get(1),
                TopicAuthorizationException.class);
        assertDenied("collector reading raw events", outcomes.get(2), TopicAuthorizationException.class);
    }

    @Test
    void theStatsAppConsumesRawEventsInItsOwnGroup() {
        assertAllowed("stats app consuming raw events in group " + pipeline.statsGroup(),
                Probes.consume(as(pipeline.statsApp()), pipeline.events(), pipeline.statsGroup()));
    }

    @Test
    void theStatsAppWritesStatsAndDeadLettersInATransactionWithItsOffsets() {
        assertAllowed("stats app instance 1 (transactional.id " + pipeline.statsTransactionalId(1)
                + ") writing stats and dead letters with its group's offsets",
                Probes.transactionalWrite(as(pipeline.statsApp()), pipeline.statsTransactionalId(1),
                        List.of(pipeline.stats(), pipeline.deadLetters()), pipeline.statsGroup(), pipeline.events()));
    }

    @Test
    void theStatsAppIsRefusedOtherGroupsOtherTransactionalIdsAndWritingRawEvents() {
        Map<String, Object> statsApp = as(pipeline.statsApp());
        List<Outcome> outcomes = probeAll(
                () -> Probes.consume(statsApp, pipeline.events(), pipeline.replayerGroup()),
                () -> Probes.transactionalWrite(statsApp, "billing-eos-1", List.of(pipeline.stats()), null, null),
                () -> Probes.produce(statsApp, pipeline.events()),
                () -> Probes.consume(statsApp, pipeline.deadLetters(), null));
        assertDenied("stats app joining the replayer's group", outcomes.get(0), GroupAuthorizationException.class);
        assertDenied("stats app using another application's transactional.id", outcomes.get(1),
                TransactionalIdAuthorizationException.class);
        assertDenied("stats app writing raw events", outcomes.get(2), TopicAuthorizationException.class);
        assertDenied("stats app reading dead letters", outcomes.get(3), TopicAuthorizationException.class);
    }

    @Test
    void theReplayerReadsDeadLettersInItsGroupAndRepublishesThem() {
        Map<String, Object> replayer = as(pipeline.replayer());
        List<Outcome> outcomes = probeAll(
                () -> Probes.consume(replayer, pipeline.deadLetters(), pipeline.replayerGroup()),
                () -> Probes.produce(replayer, pipeline.events()));
        assertAllowed("replayer consuming dead letters in group " + pipeline.replayerGroup(), outcomes.get(0));
        assertAllowed("replayer writing raw events", outcomes.get(1));
    }

    @Test
    void theReplayerIsRefusedTheStatsTopicAndTheStatsGroup() {
        Map<String, Object> replayer = as(pipeline.replayer());
        List<Outcome> outcomes = probeAll(
                () -> Probes.produce(replayer, pipeline.stats()),
                () -> Probes.consume(replayer, pipeline.deadLetters(), pipeline.statsGroup()),
                () -> Probes.consume(replayer, pipeline.events(), null));
        assertDenied("replayer writing the stats topic", outcomes.get(0), TopicAuthorizationException.class);
        assertDenied("replayer joining the stats app's group", outcomes.get(1), GroupAuthorizationException.class);
        assertDenied("replayer reading raw events", outcomes.get(2), TopicAuthorizationException.class);
    }

    @Test
    void theOperatorSeesTopicsConfigsAndGroupOffsetsButNoRecordsAndChangesNothing() {
        Map<String, Object> operator = as(pipeline.operator());
        List<Outcome> outcomes = probeAll(
                () -> Probes.describeTopic(operator, pipeline.events()),
                () -> Probes.describeTopicConfig(operator, pipeline.stats()),
                () -> Probes.describeGroupOffsets(operator, pipeline.statsGroup()),
                () -> Probes.consume(operator, pipeline.events(), null),
                () -> Probes.produce(operator, pipeline.events()),
                () -> Probes.deleteTopic(operator, pipeline.stats()),
                () -> Probes.alterTopicConfig(operator, pipeline.events()));
        assertAllowed("operator describing " + pipeline.events(), outcomes.get(0));
        assertAllowed("operator describing the configs of " + pipeline.stats(), outcomes.get(1));
        assertAllowed("operator reading the stats group's committed offsets (lag)", outcomes.get(2));
        assertDenied("operator reading raw events", outcomes.get(3), TopicAuthorizationException.class);
        // A principal with WRITE on no topic at all is refused earlier, when the idempotent producer asks for its
        // producer id (ClusterAuthorizationException): refused either way.
        assertDenied("operator writing raw events", outcomes.get(4));
        assertDenied("operator deleting the stats topic", outcomes.get(5), TopicAuthorizationException.class);
        assertDenied("operator changing retention of raw events", outcomes.get(6),
                TopicAuthorizationException.class);
    }

    @Test
    void everyRuleAllowsOneOperationToOneOfThePipelinesPrincipals() {
        List<AclBinding> acls = acls();
        List<String> principals = pipeline.users().stream().map(SecureKafkaCluster::principal).toList();
        assertThat(acls).as("ACL bindings").isNotEmpty().allSatisfy(acl -> {
            assertThat(acl.entry().principal()).as("principal of %s", acl).isIn(principals);
            assertThat(acl.entry().permissionType()).as("permission of %s", acl).isEqualTo(AclPermissionType.ALLOW);
            assertThat(acl.entry().operation()).as("operation of %s: ALL grants delete and alter too", acl)
                    .isNotEqualTo(AclOperation.ALL);
            assertThat(acl.pattern().resourceType()).as("resource of %s", acl).isNotEqualTo(ResourceType.CLUSTER);
        });
        // A wildcard is only acceptable for looking: describing topics, configs and groups.
        assertThat(acls).filteredOn(acl -> acl.pattern().name().equals(ResourcePattern.WILDCARD_RESOURCE))
                .allSatisfy(acl -> assertThat(acl.entry().operation()).as("operation on * in %s", acl)
                        .isIn(AclOperation.DESCRIBE, AclOperation.DESCRIBE_CONFIGS));
    }
}
