package org.apache.kafka.tools.consumer.group;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.GroupState;

/**
 * The code behind {@code kafka-consumer-groups.sh --describe --group G} (Kafka's own ConsumerGroupCommand from
 * kafka-tools), without its table printing: the lag Kafka's tool shows per partition. It lives in the tool's
 * package because the tool keeps that step package-private; session 14 uses it as the reference its own lag
 * readings are checked against.
 */
public final class ConsumerGroupsTool {

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
    public static Description describe(String bootstrapServers, String group, Optional<String> commandConfigFile)
            throws Exception {
        List<String> args = new ArrayList<>(List.of("--bootstrap-server", bootstrapServers, "--describe",
                "--group", group));
        commandConfigFile.ifPresent(file -> args.addAll(List.of("--command-config", file)));
        ConsumerGroupCommandOptions options = ConsumerGroupCommandOptions.fromArgs(args.toArray(String[]::new));
        options.checkArgs();
        try (ConsumerGroupCommand.ConsumerGroupService service =
                new ConsumerGroupCommand.ConsumerGroupService(options, Map.of())) {
            Map.Entry<Optional<GroupState>, Optional<Collection<PartitionAssignmentState>>> offsets =
                    service.collectGroupOffsets(group);
            List<Row> rows = offsets.getValue().stream().flatMap(Collection::stream)
                    .filter(state -> state.topic().isPresent() && state.partition().isPresent())
                    .map(state -> new Row(state.topic().get(), state.partition().get(), state.offset(),
                            state.logEndOffset(), state.lag(), state.consumerId()))
                    .toList();
            return new Description(offsets.getKey(), rows);
        }
    }
}
