package dev.kafkacourse.session14;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.tools.consumer.group.ConsumerGroupCommandOptions;

/**
 * The code behind {@code kafka-consumer-groups.sh --describe --group G} (Kafka's own ConsumerGroupCommand from
 * kafka-tools), without its table printing: the lag Kafka's tool shows per partition. The tool keeps the step that
 * collects the table's rows package-private, so it is called reflectively; this is the reference the course's own
 * lag readings are checked against, not an API to build on.
 */
public final class ConsumerGroupsTool {

    private static final String SERVICE = "org.apache.kafka.tools.consumer.group.ConsumerGroupCommand$ConsumerGroupService";

    /** One row of the tool's describe table. */
    public record Row(String topic, int partition, Optional<Long> currentOffset, Optional<Long> logEndOffset,
            Optional<Long> lag, Optional<String> consumerId) {
    }

    /** The tool's view of a group: its state and one row per partition. */
    public record Description(Optional<GroupState> state, List<Row> rows) {
    }

    private ConsumerGroupsTool() {
    }

    /**
     * Describes {@code group} exactly as {@code kafka-consumer-groups.sh --bootstrap-server B --describe --group G
     * [--command-config F]} would.
     */
    @SuppressWarnings("unchecked")
    public static Description describe(String bootstrapServers, String group, Optional<String> commandConfigFile)
            throws Exception {
        List<String> args = new ArrayList<>(List.of("--bootstrap-server", bootstrapServers, "--describe",
                "--group", group));
        commandConfigFile.ifPresent(file -> args.addAll(List.of("--command-config", file)));
        ConsumerGroupCommandOptions options = ConsumerGroupCommandOptions.fromArgs(args.toArray(String[]::new));
        Class<?> serviceClass = Class.forName(SERVICE, true, ConsumerGroupCommandOptions.class.getClassLoader());
        Constructor<?> constructor = serviceClass.getDeclaredConstructor(ConsumerGroupCommandOptions.class, Map.class);
        constructor.setAccessible(true);
        try (AutoCloseable service = (AutoCloseable) constructor.newInstance(options, Map.of())) {
            Method collect = serviceClass.getDeclaredMethod("collectGroupOffsets", String.class);
            collect.setAccessible(true);
            Map.Entry<Optional<GroupState>, Optional<Collection<?>>> offsets =
                    (Map.Entry<Optional<GroupState>, Optional<Collection<?>>>) collect.invoke(service, group);
            List<Row> rows = new ArrayList<>();
            for (Object state : offsets.getValue().orElse(List.of())) {
                Optional<String> topic = (Optional<String>) accessor(state, "topic");
                Optional<Integer> partition = (Optional<Integer>) accessor(state, "partition");
                if (topic.isPresent() && partition.isPresent()) {
                    rows.add(new Row(topic.get(), partition.get(), (Optional<Long>) accessor(state, "offset"),
                            (Optional<Long>) accessor(state, "logEndOffset"), (Optional<Long>) accessor(state, "lag"),
                            (Optional<String>) accessor(state, "consumerId")));
                }
            }
            return new Description(offsets.getKey(), rows);
        } catch (java.lang.reflect.InvocationTargetException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    private static Object accessor(Object record, String name) throws ReflectiveOperationException {
        Method method = record.getClass().getDeclaredMethod(name);
        method.setAccessible(true);
        return method.invoke(record);
    }
}
