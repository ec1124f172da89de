package dev.kafkacourse.session18;

import ch.qos.logback.classic.Level;
import dev.kafkacourse.support.kafka.KafkaFixture;
import dev.kafkacourse.support.lab.LabLogs;
import dev.kafkacourse.support.lab.LabRunner;
import dev.kafkacourse.support.security.SecureKafkaCluster;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.TransactionalIdAuthorizationException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * Lab: the authorization errors, one missing ACL at a time. A campaign-report app (not part of the pipeline's
 * exercise) reads {@code ad-stats-1m} in its group and writes reports in transactions. It starts with no ACLs;
 * each attempt shows the exception the broker answers with, and the ACL that the exception asks for is added
 * before the next attempt, until everything works.
 */
public final class AuthorizationErrorsLab {

    private AuthorizationErrorsLab() {
    }

    /** One attempt: what was tried, with which ACLs in place, and how it ended. */
    record Step(String attempt, Outcome outcome, String aclAddedAfter) {
    }

    record Result(String principal, List<Step> steps, List<AclBinding> finalAcls) {
    }

    public static void main(String[] args) {
        LabLogs.quiet(Map.of("org.apache.kafka", Level.OFF, "org.apache.kafka.clients.NetworkClient", Level.OFF,
                "kafka", Level.ERROR));
        LabRunner.runOnCluster("session18 authorization-errors", SecureKafkaCluster::start,
                (kafka, out) -> run(kafka, out));
    }

    static Result run(KafkaFixture kafka, PrintStream out) throws Exception {
        SecureKafkaCluster cluster = (SecureKafkaCluster) kafka.cluster();
        String stats = kafka.createTopic("ad-stats-1m", 1);
        String reports = kafka.createTopic("campaign-reports", 1);
        String group = kafka.groupId("campaign-reports");
        String transactionalId = kafka.groupId("campaign-reports-eos") + "-1";
        String user = SecureKafkaCluster.uniqueUserName("report-app");
        cluster.createUser(user);
        try (var admin = Probes.producer(cluster.clientProperties(SecureKafkaCluster.SUPER_USER), Map.of())) {
            admin.send(new ProducerRecord<>(stats, "campaign-1", "{\"impressions\":10,\"clicks\":1}")).get();
        }
        Map<String, Object> app = cluster.clientProperties(user);
        String principal = SecureKafkaCluster.principal(user);
        DisplayNames names = new DisplayNames().alias(stats, "ad-stats-1m").alias(reports, "campaign-reports")
                .alias(group, "campaign-reports(group)").alias(transactionalId, "campaign-reports-eos-1");
        out.println(names.legend());
        out.printf("principal %s; reads ad-stats-1m in its group, writes campaign-reports in transactions%n"
                + "broker: StandardAuthorizer, allow.everyone.if.no.acl.found=false%n%n", principal);

        List<Step> steps = new ArrayList<>();
        // The exception says which resource refused; the fix is the ACL on that resource.
        steps.addAll(untilAllowed(out, names, cluster, principal, "consume ad-stats-1m in its group",
                () -> Probes.consume(app, stats, group), Map.of(
                        GroupAuthorizationException.class, acl(ResourceType.GROUP, group, AclOperation.READ),
                        TopicAuthorizationException.class, acl(ResourceType.TOPIC, stats, AclOperation.READ))));
        steps.addAll(untilAllowed(out, names, cluster, principal, "transaction: write campaign-reports + offsets",
                () -> Probes.transactionalWrite(app, transactionalId, List.of(reports), group, stats), Map.of(
                        TransactionalIdAuthorizationException.class,
                        acl(ResourceType.TRANSACTIONAL_ID, transactionalId, AclOperation.WRITE),
                        TopicAuthorizationException.class, acl(ResourceType.TOPIC, reports, AclOperation.WRITE))));

        List<AclBinding> finalAcls = cluster.admin().describeAcls(new AclBindingFilter(
                org.apache.kafka.common.resource.ResourcePatternFilter.ANY,
                new org.apache.kafka.common.acl.AccessControlEntryFilter(principal, null, AclOperation.ANY,
                        AclPermissionType.ANY))).values().get().stream().toList();
        out.printf("%ndescribeAcls for %s:%n", principal);
        finalAcls.forEach(acl -> out.printf("  %-6s %-9s %-16s %s%n", acl.entry().permissionType(),
                acl.entry().operation(), acl.pattern().resourceType(), names.show(acl.pattern().name())));
        return new Result(principal, steps, finalAcls);
    }

    private record Fix(ResourcePattern resource, AclOperation operation) {
        @Override
        public String toString() {
            return operation + " on " + resource.resourceType() + " " + resource.name();
        }
    }

    private static Fix acl(ResourceType type, String name, AclOperation operation) {
        return new Fix(new ResourcePattern(type, name, PatternType.LITERAL), operation);
    }

    /** Tries, and after each refusal adds the ACL the exception points at, until the attempt succeeds. */
    private static List<Step> untilAllowed(PrintStream out, DisplayNames names, SecureKafkaCluster cluster,
            String principal,
            String attempt, java.util.function.Supplier<Outcome> probe, Map<Class<?>, Fix> fixes) {
        List<Step> steps = new ArrayList<>();
        for (int i = 0; i <= fixes.size(); i++) {
            Outcome outcome = probe.get();
            if (outcome.allowed()) {
                steps.add(print(out, names, new Step(attempt, outcome, "")));
                return steps;
            }
            Fix fix = fixes.entrySet().stream().filter(f -> f.getKey().isInstance(outcome.error()))
                    .map(Map.Entry::getValue).findFirst()
                    .orElseThrow(() -> new IllegalStateException(attempt + " failed unexpectedly: " + outcome));
            cluster.createAcls(List.of(new AclBinding(fix.resource(),
                    new AccessControlEntry(principal, "*", fix.operation(), AclPermissionType.ALLOW))));
            steps.add(print(out, names, new Step(attempt, outcome, fix.toString())));
        }
        throw new IllegalStateException(attempt + " still refused after " + fixes.size() + " ACLs");
    }

    private static Step print(PrintStream out, DisplayNames names, Step step) {
        out.printf("%-48s -> %s%n", step.attempt(), step.outcome().label());
        if (!step.aclAddedAfter().isEmpty()) {
            out.printf("%-48s    + ACL: ALLOW %s%n", "", names.show(step.aclAddedAfter()));
        }
        return step;
    }
}
