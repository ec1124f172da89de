package dev.kafkacourse.session13;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;

/** Reading and changing topic and broker configs, as {@code kafka-configs.sh --describe / --alter} does. */
final class TopicConfigs {

    private TopicConfigs() {
    }

    static Config describeTopic(Admin admin, String topic) {
        return describe(admin, new ConfigResource(ConfigResource.Type.TOPIC, topic));
    }

    static Config describeBroker(Admin admin, int brokerId) {
        return describe(admin, new ConfigResource(ConfigResource.Type.BROKER, String.valueOf(brokerId)));
    }

    /** Sets topic configs while the topic is in use: the broker applies them without a restart. */
    static void alterTopic(Admin admin, String topic, Map<String, String> configs) {
        alter(admin, new ConfigResource(ConfigResource.Type.TOPIC, topic), configs);
    }

    /** Sets per-broker dynamic configs (those whose documentation says "dynamic update mode: per-broker"). */
    static void alterBroker(Admin admin, int brokerId, Map<String, String> configs) {
        alter(admin, new ConfigResource(ConfigResource.Type.BROKER, String.valueOf(brokerId)), configs);
    }

    /** Removes per-broker dynamic configs: the broker falls back to its static or default value. */
    static void resetBroker(Admin admin, int brokerId, java.util.Collection<String> names) {
        ConfigResource broker = new ConfigResource(ConfigResource.Type.BROKER, String.valueOf(brokerId));
        List<AlterConfigOp> ops = names.stream()
                .map(name -> new AlterConfigOp(new ConfigEntry(name, null), AlterConfigOp.OpType.DELETE)).toList();
        try {
            admin.incrementalAlterConfigs(Map.of(broker, ops)).all().get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("Could not reset " + names + " on " + broker + ": "
                    + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while altering " + broker, e);
        }
    }

    private static Config describe(Admin admin, ConfigResource resource) {
        try {
            return admin.describeConfigs(List.of(resource)).all().get().get(resource);
        } catch (ExecutionException e) {
            throw new IllegalStateException("describeConfigs(" + resource + ") failed: " + e.getCause().getMessage(),
                    e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while describing " + resource, e);
        }
    }

    private static void alter(Admin admin, ConfigResource resource, Map<String, String> configs) {
        List<AlterConfigOp> ops = configs.entrySet().stream()
                .map(e -> new AlterConfigOp(new ConfigEntry(e.getKey(), e.getValue()), AlterConfigOp.OpType.SET))
                .toList();
        try {
            admin.incrementalAlterConfigs(Map.of(resource, ops)).all().get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("Could not set " + configs + " on " + resource + ": "
                    + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while altering " + resource, e);
        }
    }
}
