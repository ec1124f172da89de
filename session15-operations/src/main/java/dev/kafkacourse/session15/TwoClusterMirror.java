package dev.kafkacourse.session15;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.connect.mirror.MirrorMaker;

/**
 * MirrorMaker 2 running in this JVM, mirroring cluster {@value #SOURCE} to cluster {@value #TARGET}: the same
 * {@code MirrorMaker} that {@code connect-mirror-maker.sh mm2.properties} starts, given the properties as a map.
 * It runs three connectors on Kafka Connect: MirrorSourceConnector (records and topic configs),
 * MirrorCheckpointConnector (consumer group offsets, translated) and MirrorHeartbeatConnector.
 */
public final class TwoClusterMirror implements AutoCloseable {

    public static final String SOURCE = "A";
    public static final String TARGET = "B";

    private final MirrorMaker mirrorMaker;
    private final String targetBootstrap;

    private TwoClusterMirror(MirrorMaker mirrorMaker, String targetBootstrap) {
        this.mirrorMaker = mirrorMaker;
        this.targetBootstrap = targetBootstrap;
    }

    /**
     * Starts mirroring the topics matching {@code topicsRegex} (and the consumer groups of them) from the cluster at
     * {@code sourceBootstrap} to the one at {@code targetBootstrap}, with the default naming policy: topic
     * {@code ad-events} on A becomes {@code A.ad-events} on B.
     */
    public static TwoClusterMirror start(String sourceBootstrap, String targetBootstrap, String topicsRegex) {
        MirrorMaker mirrorMaker = new MirrorMaker(config(sourceBootstrap, targetBootstrap, topicsRegex));
        mirrorMaker.start();
        return new TwoClusterMirror(mirrorMaker, targetBootstrap);
    }

    /** The mm2.properties of this lesson, as a map. */
    public static Map<String, String> config(String sourceBootstrap, String targetBootstrap, String topicsRegex) {
        Map<String, String> props = new HashMap<>();
        props.put("clusters", SOURCE + ", " + TARGET);
        props.put(SOURCE + ".bootstrap.servers", sourceBootstrap);
        props.put(TARGET + ".bootstrap.servers", targetBootstrap);
        props.put(SOURCE + "->" + TARGET + ".enabled", "true");
        props.put(TARGET + "->" + SOURCE + ".enabled", "false");
        props.put(SOURCE + "->" + TARGET + ".topics", topicsRegex);
        props.put(SOURCE + "->" + TARGET + ".groups", ".*");
        // Single-broker lab clusters: every internal topic with one replica (production: 3, the default).
        for (String key : new String[] {"replication.factor", "checkpoints.topic.replication.factor",
                "heartbeats.topic.replication.factor", "offset-syncs.topic.replication.factor",
                "offset.storage.replication.factor", "config.storage.replication.factor",
                "status.storage.replication.factor"}) {
            props.put(key, "1");
        }
        // Lab speed: defaults are 60 s for checkpoints and 10 minutes for noticing new topics, groups and configs.
        props.put("emit.checkpoints.interval.seconds", "1");
        props.put("emit.heartbeats.interval.seconds", "1");
        props.put("refresh.topics.interval.seconds", "1");
        props.put("refresh.groups.interval.seconds", "1");
        props.put("sync.topic.configs.interval.seconds", "1");
        props.put("sync.topic.acls.enabled", "false");
        // An offset sync for every record instead of every 100: translation as close as MM2 can get (see guide).
        props.put("offset.lag.max", "0");
        props.put(TARGET + ".offset.flush.interval.ms", "1000");
        props.put(SOURCE + ".offset.flush.interval.ms", "1000");
        return props;
    }

    /** Client settings for the target cluster, as {@code RemoteClusterUtils} needs them. */
    public Map<String, Object> targetClientConfig() {
        Map<String, Object> config = new HashMap<>();
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, targetBootstrap);
        return config;
    }

    /** The name the default replication policy gives a source topic on the target cluster. */
    public static String remoteTopic(String sourceTopic) {
        return SOURCE + "." + sourceTopic;
    }

    @Override
    public void close() {
        mirrorMaker.stop();
    }
}
