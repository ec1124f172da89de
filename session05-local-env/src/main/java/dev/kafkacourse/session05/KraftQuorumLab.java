package dev.kafkacourse.session05;

import dev.kafkacourse.support.kafka.ClusterSpec;
import dev.kafkacourse.support.kafka.KafkaCluster;
import dev.kafkacourse.support.kafka.KafkaFixture;
import dev.kafkacourse.support.kafka.KafkaMode;
import dev.kafkacourse.support.lab.LabRunner;
import java.io.PrintStream;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.clients.admin.FinalizedVersionRange;
import org.apache.kafka.clients.admin.QuorumInfo;
import org.apache.kafka.common.Node;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * Lab 2: who runs a KRaft cluster. Brokers serve clients; a quorum of controllers keeps the cluster's metadata in
 * a replicated log ({@code __cluster_metadata}) and elects a leader among themselves, the active controller.
 * Brokers follow that log as observers. Prints what {@code kafka-metadata-quorum.sh describe --status/--replication}
 * and {@code kafka-features.sh describe} show, through the Admin API.
 *
 * <p>Runs on a 3-broker cluster of its own in this JVM (3 brokers + 1 controller), or on the cluster named by
 * {@code KAFKA_MODE=external} (e.g. {@code ./course cluster up}, or {@code docker/kafka-cluster.yml} with its 3
 * controllers).
 */
public final class KraftQuorumLab {

    static final int BROKERS = 3;

    /** What the lab observed. */
    public record Result(String clusterId, List<Integer> brokerIds, int reportedController, int leaderId,
            List<Integer> voterIds, List<Integer> observerIds, String metadataVersion) {
    }

    private KraftQuorumLab() {
    }

    public static void main(String[] args) {
        if (KafkaMode.resolve() == KafkaMode.EXTERNAL) {
            LabRunner.run("session05 kraft-quorum", KraftQuorumLab::run);
            return;
        }
        LabLogs.quiet();
        LabRunner.runOnOwnCluster("session05 kraft-quorum", ClusterSpec.brokers(BROKERS), KraftQuorumLab::run);
    }

    static Result run(KafkaFixture kafka, PrintStream out) throws Exception {
        Admin admin = kafka.admin();
        DescribeClusterResult described = admin.describeCluster();
        String clusterId = described.clusterId().get(30, TimeUnit.SECONDS);
        List<Node> brokers = described.nodes().get(30, TimeUnit.SECONDS).stream()
                .sorted(Comparator.comparingInt(Node::id)).toList();
        Node reportedController = described.controller().get(30, TimeUnit.SECONDS);
        out.println("Cluster id: " + clusterId + "   (kafka-storage.sh format -t <this id> wrote it into every node)");
        out.println("Brokers (describeCluster): what clients talk to");
        brokers.forEach(b -> out.printf("  broker %-4d at %s:%d%n", b.id(), b.host(), b.port()));
        out.printf("describeCluster().controller() says: node %d -- in KRaft a client only sees brokers, so this is%n"
                + "  any broker standing in for older clients, not the active controller. The quorum says who that is:%n%n",
                reportedController.id());

        QuorumInfo quorum = admin.describeMetadataQuorum().quorumInfo().get(30, TimeUnit.SECONDS);
        long now = System.currentTimeMillis();
        out.println("Metadata quorum (describeMetadataQuorum = kafka-metadata-quorum.sh describe --replication)");
        out.printf("  leader (active controller): node %d, epoch %d, high watermark %d%n", quorum.leaderId(),
                quorum.leaderEpoch(), quorum.highWatermark());
        printReplicas(out, "voter   ", quorum.voters(), quorum, now);
        printReplicas(out, "observer", quorum.observers(), quorum, now);
        out.println();

        Map<String, FinalizedVersionRange> features = new TreeMap<>(admin.describeFeatures().featureMetadata()
                .get(30, TimeUnit.SECONDS).finalizedFeatures());
        String metadataVersion = "?";
        out.println("Finalized features (kafka-features.sh describe): what every node has agreed to speak");
        for (Map.Entry<String, FinalizedVersionRange> feature : features.entrySet()) {
            short level = feature.getValue().maxVersionLevel();
            String shown = String.valueOf(level);
            if (feature.getKey().equals("metadata.version")) {
                metadataVersion = MetadataVersion.fromFeatureLevel(level).version();
                shown = metadataVersion + " (level " + level + ")";
            }
            out.printf("  %-33s %s%n", feature.getKey(), shown);
        }
        return new Result(clusterId, brokers.stream().map(Node::id).toList(), reportedController.id(),
                quorum.leaderId(), ids(quorum.voters()), ids(quorum.observers()), metadataVersion);
    }

    private static void printReplicas(PrintStream out, String kind, List<QuorumInfo.ReplicaState> replicas,
            QuorumInfo quorum, long now) {
        for (QuorumInfo.ReplicaState replica : replicas.stream()
                .sorted(Comparator.comparingInt(QuorumInfo.ReplicaState::replicaId)).toList()) {
            long lag = Math.max(0, quorum.highWatermark() - replica.logEndOffset());
            String caughtUp = replica.lastCaughtUpTimestamp().isPresent()
                    ? Math.max(0, now - replica.lastCaughtUpTimestamp().getAsLong()) + " ms ago" : "-";
            out.printf("  %s node %-5d log end offset %-6d lag %-4d caught up %s%s%n", kind, replica.replicaId(),
                    replica.logEndOffset(), lag, caughtUp, replica.replicaId() == quorum.leaderId() ? "  <- leader" : "");
        }
    }

    private static List<Integer> ids(Collection<QuorumInfo.ReplicaState> replicas) {
        return replicas.stream().map(QuorumInfo.ReplicaState::replicaId).sorted().toList();
    }
}
