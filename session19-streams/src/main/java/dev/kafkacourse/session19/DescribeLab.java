package dev.kafkacourse.session19;

import dev.kafkacourse.support.domain.AdEvent;
import dev.kafkacourse.support.domain.AdEventJson;
import dev.kafkacourse.support.kafka.KafkaFixture;
import dev.kafkacourse.support.lab.LabRunner;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KGroupedStream;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.TimeWindows;

/**
 * Lab 4: topologies described and drawn. Prints {@code Topology.describe()} of the ad-stats and server-metrics
 * topologies with a Mermaid drawing of each, and shows where a repartition topic comes from: grouping by the key a
 * stream already has (none) versus re-keying first (one, with a second sub-topology).
 */
public final class DescribeLab {

    private DescribeLab() {
    }

    /** The sub-topologies and repartition topics of each topology the lab drew. */
    record Shape(int subtopologies, Set<String> repartitionTopics, String mermaid) {
    }

    record Result(Map<String, Shape> shapes) {
    }

    public static void main(String[] args) {
        LabRunner.run("session19 describe", DescribeLab::run);
    }

    static Result run(KafkaFixture kafka, PrintStream out) {
        Topology adStats = AdStatsTopology.build(AdStatsConfig.defaults());
        Topology metrics = ServerMetricsTopology.build(new ServerMetricsTopology.Config("host-metrics",
                "host-metrics-avg-1m", "host-alerts", Duration.ofMinutes(1), Duration.ofSeconds(30),
                ServerMetricsLab.THRESHOLDS));
        Map<String, Shape> shapes = new java.util.LinkedHashMap<>();
        shapes.put("ad-stats", print(out, "ad-stats topology (AdStatsTopology.build)", adStats, true));
        shapes.put("server-metrics", print(out, "server-metrics topology", metrics, true));
        shapes.put("groupByKey", print(out, "count per campaign, groupByKey", countPerCampaign(false), false));
        shapes.put("groupBy", print(out, "count per campaign, groupBy(campaignId) on a stream keyed by campaignId",
                countPerCampaign(true), false));
        return new Result(shapes);
    }

    /** The same count, grouped either by the existing key or by a key computed from the value (equal here). */
    static Topology countPerCampaign(boolean regroup) {
        StreamsBuilder builder = new StreamsBuilder();
        KStream<String, AdEvent> events = builder.stream("ad-events", Consumed.with(Serdes.String(), AdEventJson.serde()));
        Grouped<String, AdEvent> grouped = Grouped.with("by-campaign", Serdes.String(), AdEventJson.serde());
        KGroupedStream<String, AdEvent> byCampaign = regroup
                ? events.groupBy((key, event) -> event.campaignId(), grouped)
                : events.groupByKey(grouped);
        byCampaign.windowedBy(TimeWindows.ofSizeWithNoGrace(Duration.ofMinutes(1)))
                .count(org.apache.kafka.streams.kstream.Materialized.as("count-per-minute"));
        return builder.build();
    }

    private static Shape print(PrintStream out, String title, Topology topology, boolean full) {
        TopologyDescription description = topology.describe();
        Set<String> repartition = new TreeSet<>();
        description.subtopologies().forEach(sub -> sub.nodes().forEach(node -> {
            if (node instanceof TopologyDescription.Sink sink && sink.topic() != null
                    && TopologyMermaid.isRepartition(sink.topic())) {
                repartition.add(sink.topic());
            }
        }));
        String mermaid = TopologyMermaid.render(description);
        out.printf("=== %s: %d sub-topolog%s, repartition topics %s%n", title, description.subtopologies().size(),
                description.subtopologies().size() == 1 ? "y" : "ies", repartition.isEmpty() ? "none" : repartition);
        if (full) {
            out.println(description);
            out.println("```mermaid");
            out.print(mermaid);
            out.println("```");
        }
        out.println();
        return new Shape(description.subtopologies().size(), repartition, mermaid);
    }
}
