package dev.kafkacourse.session18;

import ch.qos.logback.classic.Level;
import dev.kafkacourse.support.kafka.KafkaFixture;
import dev.kafkacourse.support.lab.LabLogs;
import dev.kafkacourse.support.lab.LabRunner;
import dev.kafkacourse.support.security.SecureKafkaCluster;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AccessControlEntryFilter;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourcePatternFilter;
import org.apache.kafka.common.resource.ResourceType;

/**
 * Lab: an ACL audit. A cluster's ACLs as an operator finds them (written over time, with a prefix here and a
 * wildcard there) are listed with {@code describeAcls}; then every principal really tries to read and write every
 * topic. The matrix of what each could actually do is set beside the rules that name each topic: the cells marked
 * {@code !} are access no rule naming the topic shows, granted through a prefix or a wildcard (or, the other way
 * round, taken away by a DENY).
 */
public final class AclMatrixLab {

    private AclMatrixLab() {
    }

    /**
     * @param matrix          principal → "topic OPERATION" → what the broker answered
     * @param namedByARule    principal → "topic OPERATION" → whether an ALLOW rule names that topic and operation
     */
    record Result(Pipeline pipeline, List<AclBinding> described, Map<String, Map<String, Outcome>> matrix,
            Map<String, Map<String, Boolean>> namedByARule) {

        Outcome cell(String user, String topic, AclOperation operation) {
            return matrix.get(user).get(column(topic, operation));
        }
    }

    public static void main(String[] args) {
        LabLogs.quiet(Map.of("org.apache.kafka", Level.OFF, "org.apache.kafka.clients.NetworkClient", Level.OFF,
                "kafka", Level.ERROR));
        LabRunner.runOnCluster("session18 acl-matrix", SecureKafkaCluster::start, (kafka, out) -> run(kafka, out));
    }

    /** The ACLs as found: each rule looked reasonable to whoever added it. */
    static List<AclBinding> foundAcls(Pipeline p) {
        List<AclBinding> acls = new ArrayList<>();
        // "Also covers ad-events-v2 later": and ad-events-dlq now.
        acls.add(allow(p.collector(), ResourceType.TOPIC, p.events(), PatternType.PREFIXED, AclOperation.WRITE));
        acls.add(allow(p.statsApp(), ResourceType.TOPIC, p.events(), PatternType.LITERAL, AclOperation.READ));
        acls.add(allow(p.statsApp(), ResourceType.TOPIC, p.stats(), PatternType.LITERAL, AclOperation.WRITE));
        acls.add(allow(p.statsApp(), ResourceType.GROUP, "*", PatternType.LITERAL, AclOperation.READ));
        acls.add(allow(p.replayer(), ResourceType.TOPIC, p.deadLetters(), PatternType.LITERAL, AclOperation.READ));
        acls.add(allow(p.replayer(), ResourceType.TOPIC, p.events(), PatternType.LITERAL, AclOperation.WRITE));
        // "The operator needs everything, but must not read customer data."
        acls.add(allow(p.operator(), ResourceType.TOPIC, "*", PatternType.LITERAL, AclOperation.ALL));
        acls.add(new AclBinding(new ResourcePattern(ResourceType.TOPIC, "*", PatternType.LITERAL),
                new AccessControlEntry(SecureKafkaCluster.principal(p.operator()), "*", AclOperation.READ,
                        AclPermissionType.DENY)));
        return acls;
    }

    static Result run(KafkaFixture kafka, PrintStream out) throws Exception {
        SecureKafkaCluster cluster = (SecureKafkaCluster) kafka.cluster();
        Pipeline pipeline = Pipeline.unique(kafka);
        pipeline.createTopics(kafka.admin(), 1);
        try (var admin = Probes.producer(cluster.clientProperties(SecureKafkaCluster.SUPER_USER), Map.of())) {
            for (String topic : pipeline.topics()) {
                admin.send(new ProducerRecord<>(topic, "seed", "record")).get();
            }
        }
        Parallel.each(pipeline.users(), cluster::createUser);
        cluster.createAcls(foundAcls(pipeline));

        List<AclBinding> described = new ArrayList<>();
        for (String user : pipeline.users()) {
            described.addAll(cluster.admin().describeAcls(new AclBindingFilter(ResourcePatternFilter.ANY,
                    new AccessControlEntryFilter(SecureKafkaCluster.principal(user), null, AclOperation.ANY,
                            AclPermissionType.ANY))).values().get());
        }
        described.sort(Comparator.comparing((AclBinding b) -> b.entry().principal())
                .thenComparing(b -> b.pattern().name()).thenComparing(b -> b.entry().operation().name()));
        DisplayNames names = new DisplayNames().alias(pipeline.deadLetters(), "ad-events-dlq")
                .alias(pipeline.events(), "ad-events").alias(pipeline.stats(), "ad-stats-1m");
        out.println(names.legend());
        out.println("describeAcls (what the rules say):");
        for (AclBinding acl : described) {
            out.printf("  %-22s %-5s %-8s %-6s %-9s %s%n", acl.entry().principal(), acl.entry().permissionType(),
                    acl.entry().operation(), acl.pattern().resourceType(), acl.pattern().patternType(),
                    names.show(acl.pattern().name()));
        }

        List<AclOperation> operations = List.of(AclOperation.WRITE, AclOperation.READ);
        Map<String, Map<String, Outcome>> matrix = new LinkedHashMap<>();
        Map<String, Map<String, Boolean>> namedByARule = new LinkedHashMap<>();
        // Every principal probes at once: a probe mostly waits on the broker.
        Map<String, Map<String, Outcome>> writesByUser = Parallel.each(pipeline.users(),
                user -> Probes.produceEach(cluster.clientProperties(user), pipeline.topics()));
        Map<String, Map<String, Outcome>> readsByUser = Parallel.each(pipeline.users(),
                user -> Probes.consumeEach(cluster.clientProperties(user), pipeline.topics()));
        for (String user : pipeline.users()) {
            Map<String, Outcome> row = new LinkedHashMap<>();
            Map<String, Boolean> named = new LinkedHashMap<>();
            Map<String, Outcome> writes = writesByUser.get(user);
            Map<String, Outcome> reads = readsByUser.get(user);
            for (String topic : pipeline.topics()) {
                for (AclOperation operation : operations) {
                    row.put(column(topic, operation), (operation == AclOperation.WRITE ? writes : reads).get(topic));
                    named.put(column(topic, operation), namesTopic(described, user, topic, operation));
                }
            }
            matrix.put(user, row);
            namedByARule.put(user, named);
        }

        out.printf("%nwhat each principal could actually do (! = allowed although no ALLOW rule names the topic, or refused although one does):%n");
        out.printf("%-20s", "");
        for (String topic : pipeline.topics()) {
            String shortName = shortName(pipeline, topic);
            out.printf(" %-14s %-14s", shortName + " W", shortName + " R");
        }
        out.println();
        for (String user : pipeline.users()) {
            out.printf("%-20s", user);
            for (Map.Entry<String, Outcome> cell : matrix.get(user).entrySet()) {
                boolean named = namedByARule.get(user).get(cell.getKey());
                String mark = cell.getValue().allowed() != named ? "!" : " ";
                out.printf(" %-14s", mark + (cell.getValue().allowed() ? "allowed" : "refused"));
            }
            out.println();
        }
        return new Result(pipeline, described, matrix, namedByARule);
    }

    static String column(String topic, AclOperation operation) {
        return topic + " " + operation;
    }

    private static String shortName(Pipeline pipeline, String topic) {
        return topic.equals(pipeline.events()) ? "ad-events" : topic.equals(pipeline.stats()) ? "ad-stats-1m"
                : "ad-events-dlq";
    }

    private static boolean namesTopic(List<AclBinding> acls, String user, String topic, AclOperation op) {
        return acls.stream().anyMatch(acl -> acl.entry().principal().equals(SecureKafkaCluster.principal(user))
                && acl.entry().permissionType() == AclPermissionType.ALLOW
                && acl.pattern().resourceType() == ResourceType.TOPIC
                && acl.pattern().name().equals(topic)
                && acl.entry().operation() == op);
    }

    private static AclBinding allow(String user, ResourceType type, String name, PatternType pattern,
            AclOperation operation) {
        return new AclBinding(new ResourcePattern(type, name, pattern),
                new AccessControlEntry(SecureKafkaCluster.principal(user), "*", operation, AclPermissionType.ALLOW));
    }
}
